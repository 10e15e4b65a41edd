"""What every actor's pages share: fetching an evaluation through its access check, errors as messages."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _

from innopart.calls import selectors as call_selectors
from innopart.core.access import get_visible_or_404, require
from innopart.core.concurrency import StaleEdit, stale_message

from .. import selectors, services
from ..enums import Phase
from ..models import (
    Evaluation,
)


def _evaluation(slug: str) -> Evaluation:
    call = get_visible_or_404(call_selectors.published_calls(), slug=slug)
    return services.evaluation_for(call)


def _manager_evaluation(request, slug: str) -> Evaluation:
    require(request.user.has_perm("calls.manage_call"))
    return _evaluation(slug)


def _followed_evaluation(request, slug: str) -> Evaluation:
    """Pages the ministry works on and an observer may read."""
    require(request.user.has_perm("evaluation.follow"))
    return _evaluation(slug)


def _juror(request, evaluation: Evaluation):
    juror = selectors.juror_of(request.user, evaluation)
    if juror is None:
        raise Http404(_("Not found."))
    return juror


def _messages(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _stale_inline(request, stale: StaleEdit, yours: str) -> None:
    """A small form on a page of several: what changed and the person's input travel back in the message."""
    messages.error(request, stale_message(stale) + " " + _("Your input, not saved: %(input)s.") % {"input": yours})


def _set_deadline(request, evaluation: Evaluation, field: str, form) -> bool:
    deadline = form.cleaned_data["deadline"]
    try:
        services.set_deadline(
            actor=request.user,
            evaluation=evaluation,
            field=field,
            deadline=deadline,
            edit_token=form.cleaned_data["edit_token"],
        )
    except StaleEdit as stale:
        _stale_inline(request, stale, form.data.get(form.add_prefix("deadline"), ""))
        return False
    return True


def _advance(request, evaluation: Evaluation, to: str) -> None:
    try:
        services.change_phase(actor=request.user, evaluation=evaluation, to=to)
    except ValidationError as error:
        _messages(request, error)
    else:
        messages.success(request, _("The evaluation is now in the phase “%(p)s”.") % {"p": Phase(to).label})
