from innopart.accounts.enums import Role
from innopart.evaluation import services
from innopart.evaluation.enums import Phase
from innopart.evaluation.selectors import detected_conflicts
from innopart.matchmaking.models import AdviceConsent, AdviserComment

from ..factories import UserFactory
from .conftest import run_to


def test_advisers_are_conflicted_and_jurors_never_see_advice(client, selection, ministry_officer, applicant_a):
    app = selection["a"]
    adviser = UserFactory(email="adviser@mita.example", roles=[Role.AGENCY_ADVISER, Role.JURY_MEMBER])
    # While the consortium drafted, it let the adviser comment (the state the workspace leaves behind).
    AdviceConsent.objects.create(application=app, adviser=adviser, granted_by=applicant_a)
    AdviserComment.objects.create(application=app, author=adviser, text="Secret advice to the consortium")
    juror = services.appoint_juror(
        actor=ministry_officer, evaluation=selection["evaluation"], user=adviser, sector="agency", is_chair=False
    )
    assert detected_conflicts(juror, app) == ["Advised the consortium on this application for a support agency."]
    assert detected_conflicts(juror, selection["b"]) == []
    run_to(selection, Phase.INDIVIDUAL, ministry_officer)
    client.force_login(selection["jurors"]["industry"].user)
    page = client.get(f"/jury/{selection['evaluation'].call.slug}/applications/{app.pk}/")
    assert page.status_code == 200 and "Secret advice" not in page.text
