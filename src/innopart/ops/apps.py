from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Operations: probes, metrics, structured logs, the task worker's heartbeat, backup and restore.

    A bottom-layer app like core: it imports no domain app, so every domain app can be watched the same way.
    """

    name = "innopart.ops"
    verbose_name = _("Operations")

    def ready(self) -> None:
        from . import logs

        logs.connect_receivers()
