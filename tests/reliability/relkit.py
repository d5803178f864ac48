"""Shared helpers for the reliability and fuzz tests: write small editions into tmp folders,
drive the CLI, and check that nothing crashed (no traceback, no internal error, a documented
exit code)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from editions_kit import ONE_PAGE_MANIFEST, STORY_HEAD
from editions_kit import write_edition as _write_edition

from typeset.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "editions" / "sample"

STORY = STORY_HEAD + "{body}\n"

MANIFEST = ONE_PAGE_MANIFEST

BODY = "第一段正文，用于测试。\n\n第二段正文。"


def write_edition(folder: Path, manifest: str | bytes = MANIFEST,
                  stories: dict[str, str | bytes] | None = None,
                  files: dict[str, str | bytes] | None = None) -> Path:
    """An edition folder: edition.yaml, stories/<id>.md (default: 'one'), other files."""
    return _write_edition(folder, manifest,
                          {"one": STORY.format(body=BODY)} if stories is None else stories, files)


def with_photo(spec: str) -> str:
    """MANIFEST with `photo: {spec}` added to the story slot."""
    return MANIFEST.replace("bottom: 50}\n", "bottom: 50}\n        photo: {" + spec + "}\n")


class Cli:
    """Runs `paiban …` in-process and checks the run ended the way a user may see."""

    def __init__(self):
        self.runner = CliRunner()

    def __call__(self, *args: str, expect: int | tuple[int, ...] | None = None):
        result = self.runner.invoke(main, [str(a) for a in args])
        output = result.output
        crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
        assert not crashed, f"paiban {' '.join(map(str, args))} raised {result.exception!r}"
        assert "Traceback" not in output, output
        assert "internal error" not in output, output
        assert result.exit_code in (0, 1, 2), (result.exit_code, output)
        if expect is not None:
            allowed = expect if isinstance(expect, tuple) else (expect,)
            assert result.exit_code in allowed, (result.exit_code, output)
        return result
