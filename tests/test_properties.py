"""Property-based tests: whatever text it is given, the linter answers sensibly.

Text is built from English, French and Arabic words and sentences (some that
trigger rules), emoji, direction marks, combining characters, tatweel, odd
whitespace and every kind of line ending. The example budget is fixed and
the search derandomised, so CI runs the same examples every time.
"""

from __future__ import annotations

import json
import re
from dataclasses import astuple
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from courtesy_lint.cli import cli
from courtesy_lint.engine import lint_text

PROPERTY_SETTINGS = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,  # nothing written next to the tests
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

WORDS = {
    "en": ["Thank you", "for the offer", "I", "decline", "withdraw", "rude", "unprofessional",
           "stay in touch", "best of luck", "sadly", "the recruiter", "wasted my time", "Dear Ms. Chen"],
    "fr": ["Merci", "pour votre offre", "je", "décline", "l’offre", "vous m'avez fait perdre mon temps",
           "rester en contact", "Cordialement", "Madame", "ça", "élève", "œuvre", "très"],
    "ar": ["أشكركم", "على العرض", "أعتذر", "عن قبول", "لقد أضعتم وقتي", "أتمنى", "أن نبقى على تواصل",
           "مع التحية", "السيد", "قراركم", "شكرًا", "إن شاء الله", "٣ يونيو"],
}  # fmt: skip
SENTENCES = [
    "Thank you so much for the offer and for your time.",
    "I have accepted another position closer to home, so I must decline.",
    "Your recruiter was rude and unprofessional.",
    "I hope we stay in touch.",
    "Je vous remercie pour votre proposition, mais je dois la décliner.",
    "Vous m'avez fait perdre mon temps.",
    "J’espère que nous resterons en contact.",
    "أشكركم على إبلاغي بقراركم، وأقدّر الوقت الذي خصصتموه لمقابلتي.",
    "لقد أضعتم وقتي بتأجيل المقابلة ثلاث مرات.",
    "أتمنى أن نبقى على تواصل.",
    "> On Mon, 3 Jun 2024 at 10:02, Anna wrote:",
    "-- ",
    "<!-- courtesy-lint: disable-next-line no-accusations -->",
    "```",
]
ODD = [
    "🙏", "😊", "👍🏽", "👨‍💻", "🇫🇷", "\u200f", "\u200e", "\u061c", "\u202b", "\u202c",
    "e\u0301", "\u0651", "\u064b", "\u0301", "ـ", "ــــ", "\u00a0", "\u2009", "\u3000", "\t",
    "\u2028", "\u2029", "\x0c", "\x0b", "\x85", "\ufeff", "\u200b", "!!!", "؟", "…", "«", "»",
]  # fmt: skip
BREAKS = ["\n", "\r\n", "\r", "\n\n", "\r\n\r\n", "\r\r", " "]

piece = st.one_of(
    st.sampled_from([w for ws in WORDS.values() for w in ws]),
    st.sampled_from(SENTENCES),
    st.sampled_from(ODD),
    st.sampled_from(BREAKS),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=5),
)
drafts = st.lists(piece, max_size=30).map(" ".join) | st.lists(piece, max_size=30).map("".join)
langs = st.sampled_from(["en", "fr", "ar"])
kinds = st.sampled_from(["withdraw", "decline", "rejection-reply", "auto"])


def editor_lines(text: str) -> list[str]:
    """The lines an editor shows: broken at LF, CRLF and a lone CR."""
    return re.split(r"\r\n|\r|\n", text)


@PROPERTY_SETTINGS
@given(text=drafts, lang=langs, kind=kinds)
def test_findings_lie_inside_the_text_and_runs_agree(text, lang, kind):
    first = lint_text(text, lang, kind)  # raises nothing
    lines = editor_lines(text)
    for f in first.findings:
        for line, column in ((f.line, f.column), (f.end_line, f.end_column)):
            assert 1 <= line <= len(lines), (f, len(lines))
            assert 1 <= column <= len(lines[line - 1]) + 1, (f, lines[line - 1])
        assert (f.line, f.column) <= (f.end_line, f.end_column), f
        if f.match is not None and f.line == f.end_line:
            assert lines[f.line - 1][f.column - 1 : f.end_column - 1] == f.match, f
    for e in first.evidence:
        assert 1 <= e.line <= len(lines) and 1 <= e.column <= len(lines[e.line - 1]) + 1, e
    again = lint_text(text, lang, kind)
    assert [astuple(f) for f in again.findings] == [astuple(f) for f in first.findings]
    assert (again.lang, again.kind, again.evidence, again.notices) == (
        first.lang,
        first.kind,
        first.evidence,
        first.notices,
    )


@PROPERTY_SETTINGS
@given(text=drafts, lang=langs, kind=kinds, crlf=st.booleans())
def test_a_file_and_stdin_give_the_same_findings(tmp_path_factory, text, lang, kind, crlf):
    folder = Path(tmp_path_factory.mktemp("draft"))
    path = folder / "draft.txt"
    data = text.encode("utf-8")
    if crlf:
        data = data.replace(b"\n", b"\r\n")
    path.write_bytes(data)
    options = ["--format", "json", "--lang", lang, "--kind", kind, "--isolated"]
    runner = CliRunner()
    from_file = runner.invoke(cli, [str(path), *options], catch_exceptions=False)
    from_stdin = runner.invoke(
        cli, ["-", "--stdin-filename", str(path), *options], input=data, catch_exceptions=False
    )
    assert from_file.exit_code == from_stdin.exit_code, (from_file.stderr, from_stdin.stderr)
    assert from_file.stdout == from_stdin.stdout
    assert from_file.stderr == from_stdin.stderr
    if from_file.exit_code in (0, 1):
        [entry] = json.loads(from_file.stdout)["files"]
        assert entry["path"] == str(path) and entry["lang"] == lang
