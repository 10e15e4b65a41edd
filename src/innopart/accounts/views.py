"""Django's password-reset views, with the security log lines operators watch for."""

import structlog
from django.contrib.auth import views as auth_views

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
