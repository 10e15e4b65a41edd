"""Texts the ministry writes in Lithuanian and English side by side, shown in the reader's language.

A model keeps the two as `<name>` (English) and `<name>_lt` (Lithuanian). `shown()` picks the reader's language and,
when that text is missing, the other one, marked: the page then says the text exists in one language only and sets
its `lang`, so a screen reader reads it in the right voice.
"""

from django.utils.translation import get_language


class Shown(str):
    """A text as shown: `lang` is the language it is written in, `only` is True when the reader's language was
    missing and this is the other one."""

    lang: str
    only: bool

    def __new__(cls, text: str, lang: str, only: bool) -> "Shown":
        shown = super().__new__(cls, text)
        shown.lang = lang
        shown.only = only
        return shown


def reader_language() -> str:
    return "lt" if (get_language() or "").startswith("lt") else "en"


def shown(obj, name: str) -> Shown:
    texts = {"en": getattr(obj, name) or "", "lt": getattr(obj, f"{name}_lt") or ""}
    reader = reader_language()
    if texts[reader].strip():
        return Shown(texts[reader], reader, False)
    other = "en" if reader == "lt" else "lt"
    if texts[other].strip():
        return Shown(texts[other], other, True)
    return Shown("", reader, False)


class Bilingual:
    """A read-only attribute: `title_shown = Bilingual("title")` gives `shown(self, "title")`."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        return shown(obj, self.name)
