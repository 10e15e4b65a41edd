from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchmakingConfig(AppConfig):
    name = "innopart.matchmaking"
    verbose_name = _("Partner matchmaking")
