from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

CHECK = "_check"  # sent by an inline check, with the name of the field the person just left; never a real field


class ChecksInline:
    """A form whose fields are checked one by one as the person leaves each, before the form is sent.

    ``includes/form_fields.html`` gives each field of such a form HTMX attributes: when its value changes, the
    browser posts the whole form to the same address with ``_check=<field>`` and swaps in the field as the page
    answers it, with its message (or without the one it had). The view runs exactly as on a submit, except that
    :meth:`is_valid` answers False: whatever the view does next, nothing is saved and no state changes, and the
    page it renders again carries every field's message. Only the field just left is swapped, so the person never
    sees "required" on a field they have not reached. Without script the form validates on submit as before.
    """

    checks_inline = True
    # What a check sends besides the form's fields so that the view binds this form: a view that binds it by the
    # button pressed (the annual report's "save") needs that button's name. Safe: a check never saves.
    check_with: dict[str, str] = {}

    @property
    def is_check(self) -> bool:
        return bool(self.is_bound and self.data.get(CHECK))

    def is_valid(self) -> bool:
        valid = super().is_valid()  # type: ignore[misc]
        return valid and not self.is_check


def add_service_errors(form, error: ValidationError) -> None:
    """Attach a service's ValidationError to the form: on the named field when the form has it, else on top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages in error.message_dict.items():
        if field in form.fields:
            form.add_error(field, messages)
        else:
            form.add_error(None, messages)


LONG_LIST = 300  # choices beyond which a drop-down list becomes a typed look-up


def typed_lookup(field, lookups: tuple[str, ...], help_text: str) -> None:
    """Turn a ModelChoiceField whose list is long (an expert pool of 15,000, ten thousand organisations) into a text
    box where the person types a unique value (an e-mail address, a registration code or the exact name): a page
    with a 20,000-option drop-down takes seconds to render and nobody can scroll it. Short lists stay drop-downs."""
    from django import forms

    keys = list(field.queryset.order_by().values_list("pk", flat=True)[: LONG_LIST + 1])  # stops at the limit
    if len(keys) <= LONG_LIST:
        # A short list: the drop-down is built from these keys, not from the queryset again (the look-up of people
        # with a jury role and no seat scans 15,000 rows each time). A sent value is still checked in the queryset.
        model = field.queryset.model
        ordering = field.queryset.query.order_by or model._meta.ordering
        found = model._base_manager.filter(pk__in=keys).order_by(*ordering)
        empty = [("", field.empty_label)] if field.empty_label is not None else []
        field.choices = empty + [(item.pk, field.label_from_instance(item)) for item in found]
        return
    queryset, label = field.queryset, field.label

    def to_python(value):
        text = (value or "").strip()
        if not text:
            return None
        for lookup in lookups:
            found = list(queryset.filter(**{f"{lookup}__iexact": text})[:2])
            if len(found) == 1:
                return found[0]
            if len(found) > 1:
                raise ValidationError(
                    _("More than one entry matches “%(value)s”; type a unique value.") % {"value": text[:80]},
                    code="ambiguous",
                )
        raise ValidationError(
            _("Nothing in the list of %(label)s matches “%(value)s”.") % {"label": label, "value": text[:80]},
            code="invalid_choice",
        )

    field.to_python = to_python
    field.widget = forms.TextInput(attrs={"maxlength": 200})
    field.help_text = help_text
