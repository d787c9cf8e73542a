"""Pipelines: loaded once, without the parts no rule needs, with a fallback when a model is missing."""

from __future__ import annotations

from courtesy_lint import lint_text, pipelines


def test_each_pipeline_is_loaded_once():
    assert pipelines.get_pipeline("en") is pipelines.get_pipeline("en")


def test_no_named_entity_recogniser():
    for lang in ("en", "fr"):
        assert "ner" not in pipelines.get_pipeline(lang).nlp.pipe_names


def test_a_missing_model_falls_back_with_a_notice(monkeypatch):
    monkeypatch.setitem(pipelines.MODELS, "en", ("no_such_model_installed",))
    monkeypatch.setattr(pipelines, "_loaded", {})
    result = lint_text("Thank you for the offer. I hope we stay in touch.", "en", "decline")
    assert any("not installed" in n and "falling back" in n for n in result.notices)
    # still a useful result: phrase rules work on the tokenizer alone
    assert "expresses-gratitude" not in {f.rule for f in result.findings}


def test_missing_model_notice_is_one_stderr_line(monkeypatch, tmp_path):
    import subprocess
    import sys

    draft = tmp_path / "d.txt"
    draft.write_text("Thank you for the offer.", encoding="utf-8")
    code = (
        "import courtesy_lint.pipelines as p; p.MODELS['en'] = ('no_such_model_installed',); "
        "from courtesy_lint.cli import main; main()"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, str(draft), "--lang", "en", "--kind", "decline"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode in (0, 1)
    notes = [line for line in proc.stderr.splitlines() if "not installed" in line]
    assert len(notes) == 1 and "Traceback" not in proc.stderr
