from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo data and its `innopart demo` command: the top layer, importing every domain app; no models."""

    name = "innopart.demo"
    verbose_name = _("Demo data")
