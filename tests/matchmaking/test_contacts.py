import pytest
from django.core import mail
from django.urls import reverse

from innopart.core.models import AuditEntry
from innopart.matchmaking import services
from innopart.matchmaking.models import ContactRequest

from ..factories import OrganisationFactory, UserFactory, member

NEW = reverse("matchmaking:contact_new")


@pytest.fixture
def institute(db):
    org = OrganisationFactory(name="Kaunas Food Research Institute", type="research_institute", is_contactable=True)
    manager = UserFactory(email="head@kfri.example", roles=["applicant"])
    member(manager, org)
    return org, manager


def test_a_request_reaches_a_consenting_organisation_and_is_answered(
    client, applicant_a, applicant_b, institute, django_capture_on_commit_callbacks
):
    org, manager = institute
    quiet = OrganisationFactory(name="Quiet University", type="university")
    client.force_login(applicant_a)
    assert client.get(NEW, {"to": quiet.pk}).status_code == 404  # not contactable: not in any contact flow
    sender = applicant_a.memberships.get().organisation
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{NEW}?to={org.pk}", {"sender": sender.pk, "message": "Fermented dairy for export: shall we talk?"}
        )
    assert response.status_code == 302
    request = ContactRequest.objects.get()
    assert (request.sender, request.recipient, request.state) == (sender, org, "pending")
    assert mail.outbox[-1].to == ["head@kfri.example"] and "Fermented dairy" in mail.outbox[-1].body
    again = client.post(f"{NEW}?to={org.pk}", {"sender": sender.pk, "message": "Hello again"}).text
    assert "A request to this organisation is already waiting for an answer." in again
    # Only the recipient's members answer; the sender and strangers get 404.
    answer = reverse("matchmaking:answer", args=[request.pk])
    for user in (applicant_a, applicant_b):
        client.force_login(user)
        assert client.post(answer, {"accept": "1"}).status_code == 404
    client.force_login(manager)
    assert "Fermented dairy for export" in client.get(reverse("matchmaking:contacts")).text
    with django_capture_on_commit_callbacks(execute=True):
        client.post(answer, {"accept": "1"})
    request.refresh_from_db()
    assert request.state == "accepted" and request.answered_by == manager
    assert mail.outbox[-1].to == [applicant_a.email] and "accepted" in mail.outbox[-1].subject
    assert list(services.accepted_contacts([sender])) == [org]
    assert AuditEntry.objects.filter(action="matchmaking.contact_answered", actor=manager).exists()


def test_senders_are_rate_limited(applicant_a, db):
    sender = applicant_a.memberships.get().organisation
    recipients = [OrganisationFactory(is_contactable=True) for _ in range(services.DAILY_LIMIT + 1)]
    for org in recipients[:-1]:
        services.send_request(actor=applicant_a, sender=sender, recipient=org, message="Hello")
    with pytest.raises(Exception, match="the limit"):
        services.send_request(actor=applicant_a, sender=sender, recipient=recipients[-1], message="Hello")
    assert ContactRequest.objects.count() == services.DAILY_LIMIT


def test_nobody_writes_on_behalf_of_an_organisation_they_do_not_belong_to(client, applicant_a, applicant_b, institute):
    org, _manager = institute
    client.force_login(applicant_b)
    foreign = applicant_a.memberships.get().organisation
    page = client.post(f"{NEW}?to={org.pk}", {"sender": foreign.pk, "message": "Spoofed"}).text
    assert "Select a valid choice" in page and not ContactRequest.objects.exists()
