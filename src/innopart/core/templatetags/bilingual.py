"""`{{ version.title_shown|in_language }}`: the text with its `lang` and, when it exists in the other language only,
a visible mark ("in English only"). `{{ text|language_mark }}` gives the mark alone, for a block drawn otherwise."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


def _mark(text) -> str:
    if not getattr(text, "only", False):
        return ""
    label = _("in English only") if text.lang == "en" else _("in Lithuanian only")
    return format_html(' <span class="only-language">({})</span>', label)


@register.filter
def in_language(text):
    if not getattr(text, "only", False):
        return text
    return format_html('<span lang="{}">{}</span>{}', text.lang, text, _mark(text))


@register.filter
def language_mark(text):
    return _mark(text)
