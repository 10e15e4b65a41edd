"""The jury page's composition check is cached under a fingerprint of what it reads: every change that alters the
answer, including changes made in place (a ruling, a sector), reaches the page at once."""

from innopart.evaluation.enums import ConflictLevel, Ruling
from innopart.evaluation.models import Declaration
from innopart.evaluation.pool import composition, shown_composition


def test_the_cached_check_follows_declarations_rulings_and_sectors(selection):
    evaluation, jurors, beta = selection["evaluation"], selection["jurors"], selection["b"]
    assert shown_composition(evaluation) == composition(evaluation) and shown_composition(evaluation)["ok"]

    industry = [jurors[k] for k in ("chair", "industry", "second")]
    for juror in industry:  # three industry jurors declare a potential conflict with BETA, awaiting the chair
        Declaration.objects.create(
            juror=juror, application=beta, level=ConflictLevel.POTENTIAL, ruling=Ruling.PENDING, reason="Cousin"
        )
    shown = shown_composition(evaluation)
    assert not shown["ok"] and any("BETA" in problem for problem in shown["problems"])
    assert shown == composition(evaluation)

    Declaration.objects.filter(application=beta).update(ruling=Ruling.CLEARED)  # ruled in place
    assert shown_composition(evaluation)["ok"]

    evaluation.jurors.filter(pk__in=[j.pk for j in industry]).update(sector="academia")  # changed in place
    shown = shown_composition(evaluation)
    assert any("industry needs a majority" in problem for problem in shown["problems"])
    assert shown == composition(evaluation)
