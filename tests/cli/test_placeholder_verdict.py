"""12.8: scaffold placeholders and empty stories do not go to press — errors for `check` and
`build` (the previous PDF stays), warnings on a proof, which is still written."""

from __future__ import annotations

from click.testing import CliRunner

from typeset.cli.main import main


def _run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_an_untouched_new_edition_is_refused_by_build_and_check_but_proofed(tmp_path):
    folder = tmp_path / "2026-12-01"
    made = _run("new", folder, "--layout", "broadsheet-8col", "--date", "2026-12-01",
                "--pages", "2")
    assert made.exit_code == 0, made.output
    checked = _run("check", folder)
    assert checked.exit_code == 1 and "placeholder" in checked.output
    out = tmp_path / "final.pdf"
    built = _run("build", folder, "-o", out)
    assert built.exit_code == 1 and not out.exists(), built.output
    proof = tmp_path / "proof.pdf"
    proofed = _run("proof", folder, "-o", proof)
    assert proof.exists(), proofed.output
    assert "warning" in proofed.output and "placeholder" in proofed.output
