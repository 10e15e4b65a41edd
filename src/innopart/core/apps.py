from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "innopart.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        # Every process (web, worker, command) creates what it writes to before it touches the database.
        from .startup import ensure_directories

        ensure_directories()
