from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationType(models.TextChoices):
    SME = "sme", _("SME")
    LARGE_COMPANY = "large_company", _("Large company")
    INTERNATIONAL_COMPANY = "international_company", _("International company")
    CLUSTER_ORGANISATION = "cluster_organisation", _("Cluster organisation")
    RESEARCH_INSTITUTE = "research_institute", _("Research institute")
    UNIVERSITY = "university", _("University")
    INDUSTRY_ASSOCIATION = "industry_association", _("Industry association")
    PUBLIC_BODY = "public_body", _("Public body")
    OTHER = "other", _("Other")


RESEARCH_TYPES = frozenset({OrganisationType.RESEARCH_INSTITUTE, OrganisationType.UNIVERSITY})


class MemberRole(models.TextChoices):
    """A person's role in an organisation: managers maintain the profile and start applications."""

    MANAGER = "manager", _("Manager")
    MEMBER = "member", _("Member")


class ValueChainPosition(models.TextChoices):
    """Where an organisation sits in its value chain: partner matching looks for complementary positions."""

    MATERIALS = "materials", _("Raw materials and materials")
    COMPONENTS = "components", _("Components and suppliers")
    MANUFACTURER = "manufacturer", _("Manufacturer or system integrator")
    SERVICES = "services", _("Services and software")
    DISTRIBUTION = "distribution", _("Distribution and retail")
    RESEARCH = "research", _("Research and technology")
    SUPPORT = "support", _("Business support and networks")
