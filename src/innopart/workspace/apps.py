from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkspaceConfig(AppConfig):
    """The person's way in: the navigation by area and role, and the start page that leads with what waits for
    them. It stands on top of the domain apps and composes what each says in its `work.py`."""

    name = "innopart.workspace"
    verbose_name = _("Workspace")
