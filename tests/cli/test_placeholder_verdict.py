"""12.8: scaffold placeholders and empty stories do not go to press — errors for `check` and
`build` (the previous PDF stays), warnings on a proof, which is still written."""

from __future__ import annotations

from cli_kit import run as _run


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


def test_the_scaffold_issue_number_is_a_placeholder_that_check_lists(tmp_path):
    folder = tmp_path / "ed"
    assert _run("new", folder, "--date", "2026-12-01", "--pages", "1").exit_code == 0
    lines = (folder / "edition.yaml").read_text(encoding="utf-8").splitlines()
    number = next(n for n, line in enumerate(lines, 1) if line.startswith("issue:"))
    assert lines[number - 1] == "issue: 【待填】1"
    checked = _run("check", folder)
    assert checked.exit_code == 1
    assert f"edition.yaml:{number}:8: error: placeholder text still here in 'issue'" in (
        checked.output)
    fixed = "\n".join(lines).replace("issue: 【待填】1", "issue: 1") + "\n"
    (folder / "edition.yaml").write_text(fixed, encoding="utf-8")
    assert "in 'issue'" not in _run("check", folder).output


def test_a_placeholder_hint_says_once_what_the_final_build_does(tmp_path):
    folder = tmp_path / "ed"
    assert _run("new", folder, "--date", "2026-12-01", "--pages", "1").exit_code == 0
    for command, args in (("check", ()), ("proof", ("-o", tmp_path / "p.pdf"))):
        output = _run(command, folder, *args).output
        hints = [line for line in output.splitlines() if "hint:" in line and "【待填】" in line]
        assert hints, output
        assert all(line.count("final build") == 1 for line in hints), hints
