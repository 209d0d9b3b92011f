"""The English catalogue: every message the code marks for translation has an English text, none guessed."""

from pathlib import Path

from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parent.parent / "locale"


def test_every_english_message_is_translated_and_none_is_a_fuzzy_guess():
    with open(LOCALE / "en" / "LC_MESSAGES" / "django.po", "rb") as po:
        catalogue = read_po(po)
    messages = [m for m in catalogue if m.id]
    assert len(messages) > 500
    untranslated = [m.id for m in messages if not (all(m.string) if isinstance(m.string, tuple) else m.string)]
    fuzzy = [m.id for m in messages if m.fuzzy]
    assert untranslated == []
    assert fuzzy == []
