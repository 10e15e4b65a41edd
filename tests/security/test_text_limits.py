"""Every text a person types has a length limit that fits its purpose (innopart.core.limits), so a 4 MB section
is refused on its field instead of stored; the page shows the limit as a counter."""

from importlib import import_module

import pytest
from django import forms
from django.apps import apps

from innopart.core import limits


def _form_classes():
    for config in apps.get_app_configs():
        if not config.name.startswith("innopart."):
            continue
        try:
            module = import_module(f"{config.name}.forms")
        except ModuleNotFoundError:
            continue
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, forms.BaseForm) and value.__module__ == module.__name__:
                yield value


def test_every_text_field_of_every_form_has_a_length_limit():
    unlimited = [
        f"{form.__module__}.{form.__name__}.{name}"
        for form in _form_classes()
        for name, field in form.base_fields.items()
        if isinstance(field, forms.CharField)
        and not isinstance(field.widget, forms.HiddenInput)
        and field.max_length is None
    ]
    assert not unlimited, "text fields without max_length: " + ", ".join(unlimited)


@pytest.mark.django_db
def test_a_four_megabyte_section_is_refused_on_its_field(client, applicant_a, application_a):
    section = application_a.sections.first()
    client.force_login(applicant_a)
    url = f"/applications/{application_a.pk}/sections/{section.kind}/"
    page = client.get(url).content.decode()
    assert f'maxlength="{limits.DOCUMENT}"' in page
    response = client.post(url, {"body": "x" * 4_000_000, "version": section.version})
    assert response.status_code == 200
    assert f"at most {limits.DOCUMENT:,}".replace(",", "") in response.content.decode().replace(",", "").replace(
        "\u00a0", ""
    )
    section.refresh_from_db()
    assert len(section.body) < limits.DOCUMENT
