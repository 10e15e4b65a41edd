"""Log-in and password reset: Django's views with case-insensitive e-mail, a per-address limit against password
spraying, and the security log lines operators watch for."""

from datetime import timedelta

import structlog
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.db.models import Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import tokens
from .addresses import client_ip
from .forms import TokenForm

security = structlog.get_logger("innopart.security")
NEW_TOKEN = "new_api_token"


class PasswordResetView(auth_views.PasswordResetView):
    def form_valid(self, form):
        # Logged whether or not the address belongs to an account; the page says the same either way.
        security.warning("password_reset_requested", email=form.cleaned_data["email"])
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    def form_valid(self, form):
        security.warning("password_reset_completed", target_user_id=self.user.pk)
        return super().form_valid(form)


class LoginForm(AuthenticationForm):
    def clean_username(self):
        # Addresses are stored in lower case: "Name@Ministry.LT" is the same person.
        return self.cleaned_data["username"].strip().lower()


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm

    def post(self, request, *args, **kwargs):
        if address_locked_out(request):
            security.warning("login_address_locked_out", ip=client_ip(request))
            return render(request, settings.AXES_LOCKOUT_TEMPLATE, status=429)
        return super().post(request, *args, **kwargs)


def address_locked_out(request) -> bool:
    """LOGIN_FAILURES_PER_ADDRESS failures from this address, over any user names, within the cool-off period."""
    since = timezone.now() - timedelta(hours=settings.AXES_COOLOFF_TIME)
    failures = AccessAttempt.objects.filter(ip_address=client_ip(request), attempt_time__gte=since).aggregate(
        n=Sum("failures_since_start")
    )["n"]
    return (failures or 0) >= settings.LOGIN_FAILURES_PER_ADDRESS


@never_cache
@login_required
def api_tokens(request):
    """The person's API tokens. A new token's secret is kept in the (server-side) session only until the page
    after the redirect shows it, once; reloading that page neither shows it again nor makes a second token."""
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        token, secret = tokens.make(user=request.user, name=data["name"], scopes=data["scopes"], days=data["days"])
        request.session[NEW_TOKEN] = {"id": token.pk, "secret": secret}
        return redirect("accounts:api_tokens")
    shown = request.session.pop(NEW_TOKEN, None)
    made = None
    if shown:
        made = {"token": request.user.api_tokens.filter(pk=shown["id"]).first(), "secret": shown["secret"]}
    return render(
        request,
        "accounts/api_tokens.html",
        {"form": form, "made": made, "tokens": request.user.api_tokens.all(), "now": timezone.now()},
    )


@login_required
@require_POST
def revoke_token(request, pk: int):
    token = get_object_or_404(request.user.api_tokens, pk=pk)  # another person's token is not found
    tokens.revoke(user=request.user, token=token)
    messages.success(request, _("The token %(name)s was revoked.") % {"name": token.name})
    return redirect("accounts:api_tokens")
