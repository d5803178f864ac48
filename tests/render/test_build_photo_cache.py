"""A whole build (`pipeline.build` on the sample edition) writes the same bytes whether its
photos are prepared, read back from the on-disk store by a new build, or the store is off."""

from __future__ import annotations

from pathlib import Path

from typeset.render.pdf import imagecache

SAMPLE = Path(__file__).resolve().parents[2] / "editions" / "sample"


def test_sample_edition_is_byte_identical_with_the_store_cold_warm_or_off(tmp_path,
                                                                        monkeypatch):
    from typeset import pipeline

    monkeypatch.setattr(imagecache, "CACHE", None)  # every build as in a new process
    store = tmp_path / "store"
    outputs = {}
    for name, setting in (("cold", store), ("warm", store), ("off", "0")):
        monkeypatch.setenv("TYPESET_CACHE", str(setting))
        imagecache._STORES.clear()
        result = pipeline.build(SAMPLE, tmp_path / f"{name}.pdf")
        assert result.ok, [d.format() for d in result.diagnostics]
        outputs[name] = (tmp_path / f"{name}.pdf").read_bytes()
        if name == "warm":
            assert imagecache.environment_store().hits == 4  # the sample's four photos
            assert imagecache.environment_store().written == 0
    assert outputs["cold"] == outputs["warm"] == outputs["off"]
