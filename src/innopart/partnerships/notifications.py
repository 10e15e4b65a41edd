"""E-mails about a partnership's agreement, milestones and reports: to the coordinating organisation's members when
the ministry acts, and to the programme managers when the partnership does. Sent after the transaction commits."""

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from innopart.accounts.enums import Role
from innopart.accounts.models import User


def _coordinators(partnership) -> list[str]:
    return list(partnership.coordinator.memberships.filter(user__is_active=True).values_list("user__email", flat=True))


def _ministry() -> list[str]:
    return list(
        User.objects.filter(is_active=True, role_assignments__role=Role.PROGRAMME_MANAGER).values_list(
            "email", flat=True
        )
    )


def tell(partnership, *, to: str, event, url: str, params: dict | None = None) -> None:
    """`to` is "coordinator" or "ministry"; `event` (a lazy translation, with its `params`) says what happened, in
    the platform's language."""
    recipients = _coordinators(partnership) if to == "coordinator" else _ministry()
    if not recipients:
        return
    with translation.override(settings.LANGUAGE_CODE):
        what = str(event) % params if params else str(event)
        subject = _("Innopart: %(p)s, %(event)s") % {"p": partnership.acronym, "event": what}
        body = f"{subject}\n\n{settings.SITE_URL}{url}"
    message = (subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    transaction.on_commit(lambda: send_mass_mail([message], fail_silently=False))
