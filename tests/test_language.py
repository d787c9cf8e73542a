"""Language detection is deterministic and script-aware."""

from __future__ import annotations

import pytest

from courtesy_lint.language import detect


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Thank you for the offer, I have accepted another position.", "en"),
        ("Merci pour votre offre, j'ai accepté un autre poste.", "fr"),
        ("Merci beaucoup !", "fr"),
        ("Thanks a lot!", "en"),
        ("شكرا لكم على الفرصة", "ar"),
        ("شكرا لفريق Google Cloud على الفرصة وعلى وقتكم", "ar"),
        (
            "Bonjour Madame Durand,\n\nJe vous remercie pour le temps que vous m'avez "
            "consacré lors de nos entretiens. Après réflexion, j'ai décidé de rester "
            "dans mon poste actuel.\n\nCordialement,\nLéa",
            "fr",
        ),
    ],
)
def test_detects(text, lang):
    assert detect(text) == lang


def test_same_answer_every_time():
    text = "Ok merci, bonne journee"
    assert len({detect(text) for _ in range(20)}) == 1
