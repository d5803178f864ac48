"""A whole build (`pipeline.build` on the sample edition) writes the same bytes whether its
photos are prepared, read back from the on-disk store by a new build, or the store is off."""

from __future__ import annotations

from pathlib import Path

from typeset import photos
from typeset.manifest import load_edition
from typeset.render.pdf.photo_preparer import preparer
from typeset.session import use_session

SAMPLE = Path(__file__).resolve().parents[2] / "editions" / "sample"


def test_sample_edition_is_byte_identical_with_the_store_cold_warm_or_off(tmp_path,
                                                                        monkeypatch):
    from typeset import pipeline

    store = tmp_path / "store"
    outputs = {}
    for name, setting in (("cold", store), ("warm", store), ("off", "0")):
        monkeypatch.setenv("TYPESET_CACHE", str(setting))
        with use_session() as session:  # every build as in a new process
            result = pipeline.build(SAMPLE, tmp_path / f"{name}.pdf")
            assert result.ok, [d.format() for d in result.diagnostics]
            outputs[name] = (tmp_path / f"{name}.pdf").read_bytes()
            if name == "warm":
                assert preparer().store().hits == 6  # the sample's six photos
                assert preparer().store().written == 0 and preparer().prepared == 0
            session.close()
    assert outputs["cold"] == outputs["warm"] == outputs["off"]


def test_rebuilds_in_one_session_prepare_each_photo_once(tmp_path, monkeypatch):
    """As `--watch` does: the session's one preparer serves every rebuild; a changed photo
    file (a new file_key) is prepared again, the others are not."""
    import shutil

    from typeset import pipeline

    edition = tmp_path / "sample"
    shutil.copytree(SAMPLE, edition)
    monkeypatch.setenv("TYPESET_CACHE", "0")  # no disk store: only the session remembers
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")  # the release time stays put
    with use_session() as session:
        for _ in range(2):
            assert pipeline.build(edition, tmp_path / "a.pdf").ok
        assert preparer().prepared == 6  # the sample's six photos, once
        photo = edition / "photos" / "port.jpg"
        photo.write_bytes(photo.read_bytes())  # rewritten: same bytes, new file state
        assert pipeline.build(edition, tmp_path / "b.pdf").ok
        assert preparer().prepared == 7
        session.close()
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()


def test_a_build_decodes_each_photo_once_and_check_still_checks_them(tmp_path, monkeypatch):
    """Issue 15: `build` runs no separate decode check (the preparer's decode reads every
    coded byte); `check` decodes every photo it has not seen whole before."""
    from typeset import pipeline
    from typeset.manifest import media_probe
    from typeset.render.pdf import images

    checked, decoded = [], []
    real_check, real_decode = media_probe.decode_problem, images.decode_at_size
    monkeypatch.setattr(media_probe, "decode_problem",
                        lambda media: checked.append(media.path) or real_check(media))
    monkeypatch.setattr(images, "decode_at_size",
                        lambda plan, media: decoded.append(plan.source) or
                        real_decode(plan, media))
    monkeypatch.setenv("TYPESET_CACHE", str(tmp_path / "store"))
    with use_session() as session:
        assert pipeline.build(SAMPLE, tmp_path / "a.pdf").ok
        session.close()
    placed = photos.placed_files(load_edition(SAMPLE)[0])
    assert checked == [] and len(decoded) == len(set(decoded)) == len(placed) >= 4
    monkeypatch.setenv("TYPESET_CACHE", "0")  # no store: nothing is known good
    with use_session() as session:
        result = pipeline.compose(SAMPLE)
        assert result.ok and sorted(checked) == sorted(set(decoded))
        session.close()
