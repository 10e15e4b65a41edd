from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from innopart.calls import services
from innopart.calls.models import CallVersion
from innopart.core.models import AuditEntry

from ..factories import call_data, thematic_field

pytestmark = pytest.mark.django_db


def _draft(officer, **overrides):
    return services.create_call(
        actor=officer, slug="c", data=call_data(**overrides), thematic_fields=[thematic_field()]
    )


def test_publishing_freezes_the_version_and_audits_it(ministry_officer):
    call = _draft(ministry_officer)
    version = services.publish_call(actor=ministry_officer, call=call)
    call.refresh_from_db()
    assert call.state == "published"
    assert version.is_frozen and call.published_version == version and call.draft_version is None
    assert AuditEntry.objects.filter(action="call.state_changed", to_state="published").count() == 1


def test_a_deadline_in_the_past_cannot_be_published(ministry_officer):
    call = _draft(
        ministry_officer,
        deadline=timezone.now() - timedelta(hours=1),
        publication_date=timezone.localdate() - timedelta(days=5),
    )
    with pytest.raises(ValidationError) as error:
        services.publish_call(actor=ministry_officer, call=call)
    assert "deadline" in error.value.message_dict
    call.refresh_from_db()
    assert call.state == "draft"


def test_a_published_call_cannot_be_edited_in_place(ministry_officer, call):
    with pytest.raises(ValidationError) as error:
        services.update_call_draft(actor=ministry_officer, call=call, data={"title": "Silently changed"})
    assert "new version" in error.value.messages[0]
    call.published_version.refresh_from_db()
    assert call.published_version.title == "Innovation Partnership Competition"


def test_a_correction_is_a_new_version_with_a_required_changelog(ministry_officer, call):
    draft = services.start_correction(actor=ministry_officer, call=call)
    assert draft.number == 2 and not draft.is_frozen
    services.update_call_draft(actor=ministry_officer, call=call, data={"max_grant": 4_000_000})
    with pytest.raises(ValidationError) as error:
        services.publish_call(actor=ministry_officer, call=call)
    assert "changelog" in error.value.message_dict
    services.update_call_draft(actor=ministry_officer, call=call, data={"changelog": "Maximum grant lowered."})
    services.publish_call(actor=ministry_officer, call=call)
    call.refresh_from_db()
    assert call.published_version.number == 2
    assert CallVersion.objects.get(call=call, number=1).max_grant == 5_000_000
    assert AuditEntry.objects.filter(action="call.corrected", reason="Maximum grant lowered.").exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"criteria": [{"code": "potential", "weight": 50, "threshold": 3}]}, "criteria"),
        ({"eligibility": {"min_partners": -1}}, "eligibility"),
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
        ({"max_grant": 20_000_000}, "max_grant"),
    ],
)
def test_invalid_rules_name_the_field_and_save_nothing(ministry_officer, overrides, field):
    with pytest.raises(ValidationError) as error:
        _draft(ministry_officer, **overrides)
    assert field in error.value.message_dict or any(k.startswith("min_") for k in error.value.message_dict)
    assert not CallVersion.objects.exists()


def test_weights_must_add_up_to_100(ministry_officer):
    criteria = [
        {"code": c, "weight": 20, "threshold": 3.0} for c in ("potential", "network", "implementation", "future")
    ]
    with pytest.raises(ValidationError) as error:
        _draft(ministry_officer, criteria=criteria)
    assert "add up to 80" in error.value.message_dict["criteria"][0]


def test_the_tie_break_chain_lists_every_criterion_once(ministry_officer):
    with pytest.raises(ValidationError) as error:
        _draft(ministry_officer, tie_break=["potential", "potential", "network", "future"])
    assert "tie_break" in error.value.message_dict


def test_a_correction_carries_every_rule_of_the_published_version(ministry_officer, call):
    from decimal import Decimal

    services.start_correction(actor=ministry_officer, call=call)
    services.update_call_draft(
        actor=ministry_officer,
        call=call,
        data={
            "overall_threshold": Decimal("3.0"),
            "tie_break": ["future", "network", "implementation", "potential"],
            "changelog": "Tie-break changed.",
        },
    )
    services.publish_call(actor=ministry_officer, call=call)
    call.refresh_from_db()
    assert call.published_version.overall_threshold == Decimal("3.0")
    assert call.published_version.tie_break[0] == "future"
