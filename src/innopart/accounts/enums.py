from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """Platform-wide roles. Applicants additionally act through their organisation memberships."""

    PROGRAMME_MANAGER = "programme_manager", _("Ministry programme manager")
    AGENCY_ADVISER = "agency_adviser", _("Support-agency adviser")
    APPLICANT = "applicant", _("Applicant")
    JURY_MEMBER = "jury_member", _("Jury member")
    JURY_CHAIR = "jury_chair", _("Jury chair")
    ANALYST = "analyst", _("Analyst")
    ADMINISTRATOR = "administrator", _("Administrator")
    OBSERVER = "observer", _("Independent observer")
