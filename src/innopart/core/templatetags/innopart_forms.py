"""Form helpers for templates: the character counter under a text area, and which fields are checked inline."""

import json

from django import forms, template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.translation import gettext as _

from innopart.core.forms import CHECK

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


@register.filter
def checked_inline(bound_field) -> bool:
    """Whether leaving this field checks it on the server (core.forms.ChecksInline): not a file, whose content a
    check would send again and lose from the box, nor a password, which would travel once more for nothing, nor a
    field with its own live answer (the consortium's eligibility preview): two requests would race to redraw it."""
    if not getattr(bound_field.form, "checks_inline", False):
        return False
    if any(name.startswith("hx-") for name in bound_field.field.widget.attrs):
        return False
    return not isinstance(bound_field.field.widget, forms.FileInput | forms.PasswordInput)


@register.filter
def check_values(bound_field) -> str:
    """The JSON HTMX sends with a check of this field (hx-vals): the field's name, and what the form's view needs
    to bind it (ChecksInline.check_with)."""
    return json.dumps({CHECK: bound_field.html_name, **getattr(bound_field.form, "check_with", {})})
