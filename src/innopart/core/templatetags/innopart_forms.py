"""Form helpers for templates: the character counter under a text area with a length limit."""

from django import forms, template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.translation import gettext as _

register = template.Library()


@register.inclusion_tag("includes/text_counter.html")
def text_counter(bound_field):
    """'123 of 20,000 characters' under a text area; static/js/counter.js keeps it current while typing."""
    field = bound_field.field
    if not isinstance(field.widget, forms.Textarea) or not field.max_length:
        return {"show": False}
    value = bound_field.value() or ""
    template_text = _("%(count)s of %(limit)s characters")
    return {
        "show": True,
        "for": bound_field.id_for_label,
        "limit": field.max_length,
        "text": template_text % {"count": intcomma(len(str(value))), "limit": intcomma(field.max_length)},
        "template": template_text % {"count": "__COUNT__", "limit": "__LIMIT__"},
    }
