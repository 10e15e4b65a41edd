from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innopart.applications import selectors as application_selectors
from innopart.applications.views import _application
from innopart.core.access import get_visible_or_404, require
from innopart.core.forms import add_service_errors
from innopart.core.tables import Column, Table
from innopart.organisations.models import Organisation

from . import selectors, services
from .forms import CallAnswerForm, CallQuestionForm, ContactRequestForm, PartnerSearchForm
from .models import ContactRequest, PartnerPost


@login_required
def find_partners(request, pk: int):
    """For the coordinator of a draft: what the consortium lacks, who would close it and why, and a search."""
    application = _application(request, pk, "applications.manage_consortium")
    form = PartnerSearchForm(request.GET or None)
    results = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        results = selectors.search(
            text=data["text"],
            type_=data["type"],
            country=data["country"],
            exclude=[p.organisation_id for p in application.partners.all()],
        )
    readiness = application_selectors.readiness(application)
    members = [p.organisation_id for p in application.partners.all()]
    field_posts = (
        PartnerPost.objects.filter(
            is_open=True, thematic_field_id=application.thematic_field_id, organisation__is_contactable=True
        )
        .exclude(organisation__in=members)
        .select_related("organisation")[:10]
    )
    return render(
        request,
        "matchmaking/find_partners.html",
        {
            "application": application,
            "gaps": [r for r in readiness.eligibility if not r.passed],
            "suggestions": selectors.suggestions(application),
            "form": form,
            "results": results,
            "posts": field_posts,
        },
    )


@login_required
def contact_new(request):
    """Ask an organisation that agreed to be contacted for a talk; others are not found (404)."""
    require(request.user.has_perm("matchmaking.contact"))
    recipient = get_visible_or_404(Organisation.objects.filter(is_contactable=True), pk=request.GET.get("to"))
    form = ContactRequestForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.send_request(
                actor=request.user,
                sender=form.cleaned_data["sender"],
                recipient=recipient,
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your request was sent to %(org)s.") % {"org": recipient.name})
            return redirect("matchmaking:contacts")
    return render(request, "matchmaking/contact_new.html", {"form": form, "recipient": recipient})


@login_required
def contacts(request):
    """Requests to and from the user's organisations."""
    mine = Organisation.objects.of_user(request.user)
    related = ContactRequest.objects.select_related("sender", "recipient")
    return render(
        request,
        "matchmaking/contacts.html",
        {
            "incoming": related.filter(recipient__in=mine),
            "outgoing": related.filter(sender__in=mine),
        },
    )


@login_required
@require_POST
def answer(request, pk: int):
    contact = get_visible_or_404(
        ContactRequest.objects.filter(recipient__memberships__user=request.user).distinct(), pk=pk
    )
    try:
        services.answer(actor=request.user, request=contact, accept=request.POST.get("accept") == "1")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("matchmaking:contacts")


def call_questions(request, slug: str):
    """The call's published answers for everyone; a signed-in person asks, and sees their own open questions."""
    from innopart.calls import selectors as call_selectors

    from . import qa
    from .models import CallQuestion

    call = get_visible_or_404(call_selectors.published_calls(), slug=slug)
    form = CallQuestionForm()
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('accounts:login')}?next={request.path}")
        form = CallQuestionForm(request.POST)
        if form.is_valid():
            try:
                qa.ask(actor=request.user, call=call, text=form.cleaned_data["text"])
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Your question was received. The answer will be published here for all."))
                return redirect("matchmaking:call_questions", slug=slug)
    published = CallQuestion.objects.filter(call=call, published_at__isnull=False)
    waiting = (
        CallQuestion.objects.filter(call=call, published_at__isnull=True, asked_by=request.user)
        if request.user.is_authenticated
        else []
    )
    return render(
        request,
        "matchmaking/call_questions.html",
        {"call": call, "published": published, "waiting": waiting, "form": form},
    )


@login_required
def manage_questions(request, slug: str):
    """The ministry answers; publishing makes question and answer public at once. An answer that is wrong (or only
    checked) comes back under its question with its message and the text as typed."""
    from innopart.calls import selectors as call_selectors

    from . import qa
    from .models import CallQuestion

    require(request.user.has_perm("calls.manage_call"))
    call = get_visible_or_404(call_selectors.managed_calls(), slug=slug)
    sent = {}
    if request.method == "POST":
        question = get_visible_or_404(CallQuestion.objects.filter(call=call), pk=request.POST.get("question"))
        if question.published_at:  # answered meanwhile (another officer): the page no longer shows its form
            messages.error(request, _("This answer is already published; publish a new question and answer instead."))
            return redirect("matchmaking:manage_questions", slug=slug)
        form = sent[question.pk] = CallAnswerForm(request.POST, auto_id=f"answer-{question.pk}-%s")
        if form.is_valid():
            try:
                qa.publish_answer(actor=request.user, question=question, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The answer is published for every applicant."))
                return redirect("matchmaking:manage_questions", slug=slug)
    questions = [
        (q, None if q.published_at else sent.get(q.pk) or CallAnswerForm(auto_id=f"answer-{q.pk}-%s"))
        for q in CallQuestion.objects.filter(call=call).select_related("asked_by")
    ]
    return render(request, "matchmaking/manage_questions.html", {"call": call, "questions": questions})


@login_required
def posts(request):
    """'Looking for partners' and 'offering competence' posts by thematic field; members of findable
    organisations publish them (a post is a way of being contacted, so it needs the same consent)."""
    from .forms import PostForm

    form = PostForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if "close" in request.POST:
            post = get_visible_or_404(
                PartnerPost.objects.filter(organisation__memberships__user=request.user).distinct(),
                pk=request.POST["close"],
            )
            services.close_post(actor=request.user, post=post)
            return redirect("matchmaking:posts")
        if form.is_valid():
            services.publish_post(actor=request.user, **form.cleaned_data)
            messages.success(request, _("Your post is published."))
            return redirect("matchmaking:posts")
    shown = PartnerPost.objects.filter(is_open=True, organisation__is_contactable=True).select_related(
        "organisation", "thematic_field"
    )
    if request.GET.get("kind") in PartnerPost.Kind.values:
        shown = shown.filter(kind=request.GET["kind"])
    if request.GET.get("field", "").isdigit():
        shown = shown.filter(thematic_field_id=int(request.GET["field"]))
    mine = set(Organisation.objects.of_user(request.user).values_list("pk", flat=True))
    from innopart.calls.models import ThematicField

    return render(
        request,
        "matchmaking/posts.html",
        {
            "table": Table(
                request,
                shown,
                columns=[Column("created", _("Published"), "created_at")],
                search=["title", "text", "organisation__name"],
                default="-created",
                per_page=20,
            ),
            "form": form,
            "mine": mine,
            "fields": ThematicField.objects.all(),
            "kinds": PartnerPost.Kind.choices,
        },
    )
