"""E-mails about applications. Sent after the transaction commits, so a rolled-back change sends nothing."""

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from innopart.organisations.enums import MemberRole


def _managers(organisation) -> list[str]:
    return list(
        organisation.memberships.filter(role=MemberRole.MANAGER, user__is_active=True).values_list(
            "user__email", flat=True
        )
    )


def _send(messages: list[tuple[str, str, str, list[str]]]) -> None:
    messages = [m for m in messages if m[3]]
    if messages:
        transaction.on_commit(lambda: send_mass_mail(messages, fail_silently=False))


def partner_invited(partner) -> None:
    application = partner.application
    url = settings.SITE_URL + reverse("applications:detail", args=[application.pk])
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Innopart: %(org)s was invited to %(acronym)s") % {
            "org": partner.organisation.name,
            "acronym": application.acronym,
        }
        body = _(
            "%(coordinator)s added %(org)s as a partner in the application “%(title)s” to the call “%(call)s”.\n\n"
            "Members of %(org)s can now read and write its sections and upload the letter of commitment:\n%(url)s"
        ) % {
            "coordinator": application.coordinator.name,
            "org": partner.organisation.name,
            "title": application.title,
            "call": application.call.published_version.title_shown,
            "url": url,
        }
    _send([(subject, body, settings.DEFAULT_FROM_EMAIL, _managers(partner.organisation))])


def application_submitted(application, snapshot) -> None:
    url = settings.SITE_URL + reverse("applications:snapshot", args=[application.pk, snapshot.number])
    version = snapshot.call_version
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Innopart: %(acronym)s was submitted") % {"acronym": application.acronym}
        body = _(
            "The application “%(title)s” was submitted to the call “%(call)s” on %(when)s (%(tz)s), as version "
            "%(n)d. This is your receipt; the submitted text is frozen here:\n%(url)s"
        ) % {
            "title": application.title,
            "call": version.title_shown,
            "when": application.submitted_at.astimezone(version.zone).strftime("%Y-%m-%d %H:%M"),
            "tz": version.time_zone,
            "n": snapshot.number,
            "url": url,
        }
    recipients = sorted({email for p in application.partners.all() for email in _managers(p.organisation)})
    _send([(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)])
