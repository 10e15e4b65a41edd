from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from innopart.core.access import get_visible_or_404
from innopart.core.concurrency import StaleEdit, show_stale
from innopart.core.forms import add_service_errors

from .forms import OrganisationProfileForm
from .models import Organisation
from .services import update_organisation_profile


@login_required
def my_organisations(request):
    organisations = Organisation.objects.of_user(request.user).order_by("name")
    return render(request, "organisations/mine.html", {"organisations": organisations})


@login_required
def edit_profile(request, pk: int):
    organisation = get_visible_or_404(Organisation.objects.managed_by(request.user), pk=pk)
    form = OrganisationProfileForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        data = {**form.cleaned_data, "nace_codes": form.cleaned_data["nace"]}
        try:
            update_organisation_profile(
                actor=request.user,
                organisation=organisation,
                data=data,
                clusters=form.cleaned_data["clusters"],
                edit_token=form.cleaned_data["edit_token"],
            )
        except StaleEdit as stale:
            show_stale(form, stale, Organisation.objects.get(pk=organisation.pk))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The profile of %(name)s was saved.") % {"name": organisation.name})
            return redirect("organisations:mine")
    return render(request, "organisations/edit.html", {"form": form, "organisation": organisation})
