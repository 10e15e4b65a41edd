"""Refusing stale saves on any form that edits an existing object, without a version column per model.

When a form is shown, `edit_token(instance, fields)` signs a short digest of each edited field as stored. The
service that saves locks the row (select_for_update) and calls `check_fresh(locked, fields, token)`: if any field
changed since the form was read, it raises `StaleEdit` naming those fields and their values now, and the view
shows them above the person's own input, which is kept. Tokens are signed, so a form cannot claim another
object's state, and short, because only digests travel.

A guarded name may also be a method of the model without arguments (a peer group's members, a review's scores:
rows of their own), labelled by its `label` attribute. A form read before the object existed sends an empty token;
if someone created the object since, the save is refused with everything it holds now.
"""

import hashlib
from collections.abc import Iterable
from typing import Any

from django import forms
from django.core import signing
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext_lazy as _

SALT = "innopart.edit-token"


class StaleEdit(Exception):
    """Someone saved the object after the form was read. `changed`: [(field label, value now as text)]."""

    def __init__(self, changed: list[tuple[str, str]]):
        super().__init__(", ".join(label for label, _ in changed))
        self.changed = changed


def _field(instance: models.Model, name: str):
    try:
        return instance._meta.get_field(name)
    except FieldDoesNotExist:
        return None  # a method standing for rows of their own


def _label(instance: models.Model, name: str) -> str:
    field = _field(instance, name)
    return str(field.verbose_name if field is not None else getattr(getattr(type(instance), name), "label", name))


def _value(instance: models.Model, name: str) -> str:
    field = _field(instance, name)
    if field is None:
        return str(getattr(instance, name)()) if instance.pk is not None else ""
    if field.many_to_many:
        if instance.pk is None:
            return ""
        return ",".join(str(pk) for pk in sorted(getattr(instance, name).values_list("pk", flat=True)))
    return str(field.value_from_object(instance))


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


def edit_token(instance: models.Model, fields: Iterable[str]) -> str:
    # No timestamp (unlike signing.dumps): the same state gives the same token, and a form left open for days
    # is still judged by what changed, not by its age.
    return signing.Signer(salt=SALT).sign_object(
        {"o": f"{instance._meta.label_lower}:{instance.pk}", "f": {f: _digest(_value(instance, f)) for f in fields}},
        compress=True,
    )


def check_fresh(instance: models.Model, fields: Iterable[str], token: str) -> None:
    """Raise StaleEdit unless every field of `instance` (freshly read under a lock) is as the token saw it."""
    if token == "":
        raise StaleEdit([(_label(instance, name), _shown(_value(instance, name))) for name in fields])
    try:
        seen = signing.Signer(salt=SALT).unsign_object(token)
    except signing.BadSignature:
        seen = None
    if not seen or seen.get("o") != f"{instance._meta.label_lower}:{instance.pk}":
        raise StaleEdit([(str(_("the form")), str(_("was not read from this object; open it again")))])
    changed = []
    for name in fields:
        now = _value(instance, name)
        if seen["f"].get(name) != _digest(now):
            field = _field(instance, name)
            shown = getattr(instance, name) if field is not None and not field.many_to_many else now
            changed.append((_label(instance, name), _shown(shown)))
    if changed:
        raise StaleEdit(changed)


def _shown(value: Any) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= 500 else text[:499] + "…"


class GuardedForm(forms.BaseForm):
    """Mix into a form that edits an existing object: adds the hidden `edit_token` for its `guarded_fields`."""

    guarded_fields: tuple[str, ...] = ()

    def __init__(self, *args, guarded: models.Model | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        instance = guarded if guarded is not None else getattr(self, "instance", None)
        existing = instance is not None and instance.pk is not None
        # Never required: a page read before the object existed sends an empty token, and the service, which sees
        # the object as stored, refuses it with everything the object holds now (check_fresh).
        self.fields["edit_token"] = forms.CharField(
            widget=forms.HiddenInput, required=False, label=_("the version of the page you read")
        )
        if existing and not self.is_bound:
            self.initial["edit_token"] = edit_token(instance, self.guarded_fields or self._meta_fields())

    def _meta_fields(self) -> tuple[str, ...]:
        return tuple(getattr(getattr(self, "_meta", None), "fields", None) or ())

    @property
    def checked_fields(self) -> tuple[str, ...]:
        return self.guarded_fields or self._meta_fields()


def stale_message(error: StaleEdit) -> str:
    return str(
        _(
            "Someone else saved this while you were editing, so nothing was saved. What changed, as it is now: "
            "%(changes)s. Your input is kept below: compare, then save again."
        )
    ) % {"changes": "; ".join(f"{label}: “{value}”" for label, value in error.changed)}


def refresh_token(form: forms.BaseForm, current: models.Model) -> None:
    """After a StaleEdit: keep the person's input, but let the next save be checked against the state now shown."""
    data = form.data.copy()
    data[form.add_prefix("edit_token")] = edit_token(current, form.checked_fields)
    form.data = data


def show_stale(form: forms.BaseForm, error: StaleEdit, current: models.Model) -> None:
    """The view's part: say what changed on the form, keep the input, arm it for the state now stored."""
    form.add_error(None, stale_message(error))
    refresh_token(form, current)
