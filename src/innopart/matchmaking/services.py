"""Contact requests between organisations: only to organisations that consented, rate-limited per sender, every
change audited, e-mails sent after commit."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from innopart.core import audit
from innopart.organisations.enums import MemberRole

from .models import ContactRequest

# Abuse limit: a person may send this many requests in 24 hours (contact spam hurts the trust the briefing needs).
DAILY_LIMIT = 20


def _managers_emails(organisation) -> list[str]:
    return list(
        organisation.memberships.filter(role=MemberRole.MANAGER, user__is_active=True).values_list(
            "user__email", flat=True
        )
    )


def send_request(*, actor, sender, recipient, message: str) -> ContactRequest:
    if not actor.has_perm("matchmaking.contact") or not sender.memberships.filter(user=actor).exists():
        raise PermissionDenied
    if not recipient.is_contactable or recipient.pk == sender.pk:
        raise ValidationError({"recipient": _("This organisation cannot be contacted through the platform.")})
    if not message.strip():
        raise ValidationError({"message": _("Say why you would like to talk.")})
    since = timezone.now() - timedelta(hours=24)
    with transaction.atomic():
        if (
            ContactRequest.objects.select_for_update().filter(sent_by=actor, created_at__gte=since).count()
            >= DAILY_LIMIT
        ):
            raise ValidationError(
                {
                    "message": _(
                        "You have sent %(n)d contact requests in the last 24 hours, the limit. Try again tomorrow."
                    )
                    % {"n": DAILY_LIMIT}
                }
            )
        if ContactRequest.objects.filter(
            sender=sender, recipient=recipient, state=ContactRequest.State.PENDING
        ).exists():
            raise ValidationError({"recipient": _("A request to this organisation is already waiting for an answer.")})
        request = ContactRequest.objects.create(sender=sender, recipient=recipient, sent_by=actor, message=message)
        audit.record(actor=actor, obj=request, action="matchmaking.contact_requested", to_state="pending")
        recipients = _managers_emails(recipient)
        url = settings.SITE_URL + reverse("matchmaking:contacts")
        subject = _("Innopart: %(org)s would like to talk about a partnership") % {"org": sender.name}
        body = f"{message}\n\n{url}"
        if recipients:
            transaction.on_commit(lambda: send_mail(subject, body, None, recipients))
    return request


def answer(*, actor, request: ContactRequest, accept: bool) -> ContactRequest:
    if not request.recipient.memberships.filter(user=actor).exists():
        raise PermissionDenied
    if request.state != ContactRequest.State.PENDING:
        raise ValidationError(_("This request has already been answered."))
    state = ContactRequest.State.ACCEPTED if accept else ContactRequest.State.DECLINED
    with transaction.atomic():
        ContactRequest.objects.filter(pk=request.pk).update(state=state, answered_by=actor, answered_at=timezone.now())
        audit.record(
            actor=actor, obj=request, action="matchmaking.contact_answered", from_state="pending", to_state=state
        )
        recipients = [request.sent_by.email]
        subject = (
            _("Innopart: %(org)s accepted your contact request")
            if accept
            else _("Innopart: %(org)s declined your contact request")
        ) % {"org": request.recipient.name}
        transaction.on_commit(lambda: send_mail(subject, subject, None, recipients))
    request.refresh_from_db()
    return request


def accepted_contacts(organisations):
    """Organisations that accepted a request from, or whose request was accepted by, one of ``organisations``."""
    from innopart.organisations.models import Organisation

    ids = [o.pk for o in organisations]
    accepted = ContactRequest.objects.filter(state=ContactRequest.State.ACCEPTED)
    sent = accepted.filter(sender__in=ids).values("recipient")
    received = accepted.filter(recipient__in=ids).values("sender")
    return Organisation.objects.filter(pk__in=sent) | Organisation.objects.filter(pk__in=received)


def publish_post(*, actor, **fields):
    from .models import PartnerPost

    with transaction.atomic():
        post = PartnerPost.objects.create(created_by=actor, **fields)
        audit.record(actor=actor, obj=post, action="matchmaking.post_published")
    return post


def close_post(*, actor, post) -> None:
    from .models import PartnerPost

    with transaction.atomic():
        PartnerPost.objects.filter(pk=post.pk).update(is_open=False)
        audit.record(actor=actor, obj=post, action="matchmaking.post_closed")
