from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    """PEST (framework conditions, briefing Figure 5) and SWOT (briefing Table 1) in one list of item kinds."""

    POLITICAL = "political", _("Political")
    ECONOMIC = "economic", _("Economic")
    SOCIAL = "social", _("Socio-cultural")
    TECHNOLOGICAL = "technological", _("Technological")
    STRENGTH = "strength", _("Strengths")
    WEAKNESS = "weakness", _("Weaknesses")
    OPPORTUNITY = "opportunity", _("Opportunities")
    THREAT = "threat", _("Threats")


PEST = [Category.POLITICAL, Category.ECONOMIC, Category.SOCIAL, Category.TECHNOLOGICAL]
SWOT = [Category.STRENGTH, Category.WEAKNESS, Category.OPPORTUNITY, Category.THREAT]
