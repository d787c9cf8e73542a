"""Only the writer's own words are analysed, and offsets stay those of the file."""

from __future__ import annotations

import pytest

from courtesy_lint.structure import FrontMatterError, analyse


def kept(text: str) -> str:
    return " ".join(analyse(text).text.split())


def test_masking_keeps_length_and_line_breaks():
    text = "Thanks!\n> you were late\nBest,\nTom\n-- \nTom, +33 6 12 34 56 78\n"
    result = analyse(text).text
    assert len(result) == len(text)
    assert [i for i, c in enumerate(result) if c == "\n"] == [
        i for i, c in enumerate(text) if c == "\n"
    ]


def test_quoted_lines_and_signature_are_left_out():
    text = "Thanks!\n> you were late\nBest,\nTom\n-- \nTom, +33 6 12 34 56 78\n"
    assert kept(text) == "Thanks! Best, Tom"


@pytest.mark.parametrize(
    "header",
    [
        "-----Original Message-----",
        "-----Message d'origine-----",
        "-----الرسالة الأصلية-----",
        "On Mon, 3 Jun 2024 at 09:14, Karen Li <karen@x.com> wrote:",
        "Le lun. 3 juin 2024 à 09:14, Karen Li <karen@x.com> a écrit :",
        "في الأحد، ٣ يونيو ٢٠٢٤ في ١٠:٠٢ ص، كتبت Sarah <s@x.com>:",
        "From: Karen Li <karen@x.com>\nSent: Monday, June 3, 2024 9:14 AM",
    ],
)
def test_everything_below_a_reply_header_is_left_out(header):
    text = f"My own words.\n\n{header}\nTheir words here.\n"
    assert kept(text) == "My own words."


def test_a_wrapped_reply_header_is_recognised():
    text = "Ok.\nOn Mon, 3 Jun 2024 at 09:14, Karen Li\n<karen@x.com> wrote:\nTheir words\n"
    assert kept(text) == "Ok."


def test_a_sentence_that_merely_starts_with_on_is_kept():
    text = "On reflection, here is what I wrote:\nMy answer.\n"
    assert kept(text) == "On reflection, here is what I wrote: My answer."


def test_code_fences_are_left_out():
    assert kept("Hello\n```\nSHOUTING CODE\n```\nBye") == "Hello Bye"


def test_front_matter_sets_lang_and_kind_and_is_not_analysed():
    text = "---\nlang: fr\nkind: decline\ntitle: Brouillon\n---\nMerci.\n"
    result = analyse(text)
    assert result.meta == {"lang": "fr", "kind": "decline"}
    assert result.text.strip() == "Merci."
    assert result.text.count("\n") == text.count("\n")


def test_bad_front_matter_is_an_error():
    with pytest.raises(FrontMatterError, match="not valid YAML"):
        analyse("---\nlang: [fr\n---\nMerci.\n")
    with pytest.raises(FrontMatterError, match="must be a string"):
        analyse("---\nlang: 3\n---\nMerci.\n")


def test_crlf_becomes_space_so_offsets_do_not_move():
    text = "Line one.\r\nLine two.\r\n"
    result = analyse(text).text
    assert result == "Line one. \nLine two. \n"
