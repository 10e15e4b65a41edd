"""The demo, loaded into the test database, for the tests that walk every page."""

import pytest
from django.core.management import call_command

from innopart.accounts.models import User

from .matrix import IDENTITIES, Demo


@pytest.fixture
def demo(db):
    call_command("demo", verbosity=0)
    from innopart.observatory.models import PeerGroup
    from innopart.observatory.peers import save_peer_group

    analyst = User.objects.get(email=IDENTITIES["analyst"])
    group = PeerGroup(name="Analyst's group", is_public=False)
    save_peer_group(actor=analyst, group=group, members=[("Lithuania", ["LT01", "LT02"]), ("Latvia", ["LV00"])])
    PeerGroup.objects.filter(pk=group.pk).update(slug="analysts-group")
    _what_the_demo_lacks()
    return Demo()


def _what_the_demo_lacks():
    """A contact request to the Nemunas cluster (from the outsider), its registration for the brokerage event and a
    finished letter batch of the pilot round."""
    from innopart.applications.models import Application
    from innopart.evaluation.models import LetterBatch
    from innopart.matchmaking.models import ContactRequest, Event, Registration

    outsider = User.objects.get(email=IDENTITIES["outsider"])
    ContactRequest.objects.create(
        sender=outsider.memberships.get().organisation,
        recipient=Application.objects.get(acronym="FOODCIRCLE").coordinator,
        sent_by=outsider,
        message="Shall we talk about textile waste in food packaging?",
    )
    coordinator = User.objects.get(email=IDENTITIES["coordinator"])
    Registration.objects.create(
        event=Event.objects.first(), organisation=coordinator.memberships.get().organisation, registered_by=coordinator
    )
    LetterBatch.objects.create(
        evaluation=Application.objects.get(acronym="AGRIVAL").call.evaluation,
        requested_by=User.objects.get(email=IDENTITIES["manager"]),
        state=LetterBatch.State.DONE,
    )
