"""Log-in and password reset: Django's views with case-insensitive e-mail, a per-address limit against password
spraying, and the security log lines operators watch for."""

from datetime import timedelta

import structlog
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.db.models import Sum
from django.shortcuts import render
from django.utils import timezone

from .addresses import client_ip

security = structlog.get_logger("innopart.security")


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
