"""Photo worker processes give the same prepared bytes as the building process; a placement
whose file a worker holds is not taken back; a dead worker only costs time (the building
process prepares the photo itself); workers never outlive the build."""

from __future__ import annotations

import os

import pytest
from PIL import Image, ImageDraw

from typeset.cli.entry import command_of, forks_photo_workers
from typeset.frame import ImageItem
from typeset.render.pdf import imagecache, photo_workers
from typeset.render.pdf.imagecache import prepare_images
from typeset.render.pdf.images import plan_image, render_image
from typeset.render.pdf.profiles import find_output_profile

SETTINGS = {"grey": False, "jpeg_quality": 85, "max_ppi": 300.0, "ppi_warn": 170.0,
            "ppi_error": 100.0, "max_ink": 240.0}
PIXEL = {"grey": False, "jpeg_quality": 85, "max_ink": 240.0}


@pytest.fixture(autouse=True)
def no_workers_left(monkeypatch):
    monkeypatch.setattr(imagecache, "CACHE", None)
    photo_workers.end()
    yield
    photo_workers.end()


def _scene(path, seed: int = 0):
    im = Image.new("RGB", (320, 200), (70, 130 + seed, 180))
    draw = ImageDraw.Draw(im)
    draw.rectangle((40, 30, 200, 170), fill=(10, 10, 20))
    draw.ellipse((150, 60, 300, 190), fill=(200, 40, 30))
    im.save(path)
    return str(path)


def _placements(sources):
    # At 150 ppi, kept at their pixel size; a crop of the first file too.
    items = [(ImageItem(0, 0, 153.6, 96.0, s, (0, 0, 320, 200), (320, 200)), 1) for s in sources]
    items.append((ImageItem(0, 0, 57.6, 38.4, sources[0], (10, 20, 130, 100), (320, 200)), 2))
    return items


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    return True


def test_workers_prepare_the_same_bytes_and_are_gone_at_the_end(tmp_path, monkeypatch):
    sources = [_scene(tmp_path / f"p{n}.png", n) for n in range(3)]
    profile = find_output_profile(None)
    serial = prepare_images(_placements(sources), profile, SETTINGS, workers=1, store=None)
    expected = {key: serial[key][0] for key in serial}
    serial.close()
    workers = photo_workers.begin(sources, profile, False, count=2)
    assert workers is not None and photo_workers.active() is workers
    pids = [w.pid for w in workers._workers]
    assert sorted(f for w in workers._workers for f in w.files) == sorted(sources)
    def not_here(*args, **kwargs):
        raise AssertionError("prepared in the building process, not by a worker")

    monkeypatch.setattr(imagecache, "render_image", not_here)
    photos = prepare_images(_placements(sources), profile, SETTINGS, workers=2, store=None)
    assert {key: photos[key][0] for key in photos} == expected
    photos.close()
    photo_workers.end()
    assert photo_workers.active() is None and not any(_alive(pid) for pid in pids)


def test_a_held_file_is_waited_for_and_a_dead_worker_costs_only_time(tmp_path):
    source = _scene(tmp_path / "a.png")
    profile = find_output_profile(None)
    plan, _ = plan_image(_placements([source])[0][0], max_ppi=300, ppi_warn=170,
                         ppi_error=100)
    workers = photo_workers.begin([source], profile, False, count=1)
    future = workers.submit(plan, 1, PIXEL)
    assert not future.cancel()  # its worker holds the file separated: not taken back
    image, diags = future.result(timeout=30)
    assert diags == [] and image == render_image(plan, profile, page=1, **PIXEL)[0]
    # The worker dies: its next job fails, and prepare_images does the photo here.
    os.kill(workers._workers[0].pid, 9)
    os.waitpid(workers._workers[0].pid, 0)
    with pytest.raises(Exception):
        workers.submit(plan, 1, PIXEL).result(timeout=30)
    photos = prepare_images(_placements([source])[:1], profile, SETTINGS, workers=2, store=None)
    assert [value[0] for value in photos.values()] == [image]
    photos.close()


def test_no_workers_without_files_or_a_profile(tmp_path):
    source = _scene(tmp_path / "a.png")
    assert photo_workers.begin([], find_output_profile(None), False, count=1) is None
    assert photo_workers.begin([source], None, False, count=1) is None  # colour needs one
    assert photo_workers.begin([str(tmp_path / "missing.jpg")], find_output_profile(None),
                               False, count=1) is None
    # Workers forked early but given nothing are stopped, not left waiting.
    assert photo_workers.fork_early(1) == 1
    early = [w.pid for w in photo_workers._EARLY]
    assert photo_workers.begin([], find_output_profile(None), False, count=1) is None
    assert not any(_alive(pid) for pid in early)


def test_the_command_forks_workers_only_for_a_one_shot_build_or_proof():
    assert command_of(["--debug", "build", "ed"]) == "build"
    assert forks_photo_workers(["build", "editions/sample", "-o", "x.pdf"])  # never built here
    assert forks_photo_workers(["proof", "editions/sample"])
    assert not forks_photo_workers(["build", "editions/sample", "--watch"])
    assert not forks_photo_workers(["build", "--help"])
    assert not forks_photo_workers(["check", "editions/sample"])
    assert not forks_photo_workers([])


def test_the_worker_count_follows_the_setting_else_the_cores(monkeypatch):
    monkeypatch.setenv(photo_workers.WORKERS_ENV, "3")
    assert photo_workers.worker_count() == 3
    monkeypatch.delenv(photo_workers.WORKERS_ENV)
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0, 1, 2, 3})
    assert photo_workers.worker_count() == photo_workers.MAX_WORKERS
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0})
    assert photo_workers.worker_count() == 1


def test_an_edition_whose_photos_were_all_prepared_forks_no_worker(tmp_path, monkeypatch,
                                                                   photo_store):
    from typeset.cli.entry import edition_of
    from typeset.render.pdf.store_folder import prepared_last_time, remember_prepared

    assert edition_of(["build", "-o", "x.pdf", "--pages", "2", "ed", "--no-marks"]) == "ed"
    assert edition_of(["--debug", "proof", "ed/edition.yaml"]) == "ed/edition.yaml"
    assert edition_of(["build"]) is None
    edition = tmp_path / "ed"
    (edition / "photos").mkdir(parents=True)
    photo = _scene(edition / "photos" / "a.png")
    argv = ["build", str(edition)]
    assert not prepared_last_time(edition) and forks_photo_workers(argv)
    remember_prepared(edition, [photo])
    assert prepared_last_time(edition) and not forks_photo_workers(argv)
    assert not forks_photo_workers(["build", str(edition / "edition.yaml")])  # same edition
    os.utime(photo, ns=(1, 1))  # the photo changed since: its worker is wanted again
    assert not prepared_last_time(edition) and forks_photo_workers(argv)
    remember_prepared(edition, [photo])
    monkeypatch.setenv("TYPESET_CACHE", "0")  # no store: every build prepares its photos
    assert not prepared_last_time(edition) and forks_photo_workers(argv)
