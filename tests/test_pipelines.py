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


def test_french_tokens_are_those_of_the_stock_pipeline():
    """The French tokenizer expression is compiled faster, never differently.

    A separate process loads fr_core_news_sm the stock way (without
    courtesy-lint) and tokenizes every French draft of the corpora; ours
    must cut each one at exactly the same places.
    """
    import json
    import subprocess
    import sys
    from pathlib import Path

    here = Path(__file__).parent
    paths = sorted(str(p) for d in ("corpus", "holdout") for p in (here / d / "fr").glob("*.txt"))
    extra = "Aujourd'hui, c’est peut-être l'arrière-boutique du rendez-vous entr'ouvert à New-York."
    stock = subprocess.run(
        [sys.executable, "-c", (
            "import json, sys, spacy\n"
            "nlp = spacy.load('fr_core_news_sm')\n"
            "texts = [open(p, encoding='utf-8').read() for p in sys.argv[2:]] + [sys.argv[1]]\n"
            "print(json.dumps([[t.text for t in nlp.tokenizer(x)] for x in texts]))\n"
        ), extra, *paths],
        capture_output=True, text=True, check=True, timeout=300,
    )  # fmt: skip
    expected = json.loads(stock.stdout)
    tokenizer = pipelines.get_pipeline("fr").nlp.tokenizer
    texts = [Path(p).read_text("utf-8") for p in paths] + [extra]
    ours = [[t.text for t in tokenizer(x)] for x in texts]
    assert len(ours) > 60
    assert ours == expected


def test_curly_apostrophes_tag_like_straight_ones():
    nlp = pipelines.get_pipeline("fr").nlp
    curly = nlp("Je vous remercie pour l’offre et pour l’entretien.")
    straight = nlp("Je vous remercie pour l'offre et pour l'entretien.")
    assert [t.pos_ for t in curly] == [t.pos_ for t in straight]
    assert curly.text.count("’") == 2  # the text itself is left as written


def test_no_sentence_starts_at_a_lowercase_word_after_an_ellipsis_or_comma():
    for lang, text in (
        ("fr", "Et merci de m'avoir répondu... seulement trois mois après. Bonne continuation."),
        ("en", "Thanks for getting back to me... only three months later. Best of luck."),
    ):
        doc = pipelines.get_pipeline(lang).nlp(text)
        assert len(list(doc.sents)) == 2, [s.text for s in doc.sents]


def test_sarcastic_thanks_cut_by_an_ellipsis_are_still_sarcasm():
    text = (
        "Bonjour,\n\nEt merci infiniment de m'avoir répondu... seulement trois mois après "
        "l'entretien. Je comprends votre décision. Auriez-vous des conseils pour la suite ? "
        "Au plaisir de rester en contact, et bonne continuation.\n\nPaul\n"
    )
    result = lint_text(text, lang="fr", kind="rejection-reply")
    assert "expresses-gratitude" in {f.rule for f in result.findings}
