from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from innopart.core import limits

from .enums import MemberRole, OrganisationType, ValueChainPosition


class OrganisationQuerySet(models.QuerySet):
    def managed_by(self, user):
        return self.filter(memberships__user=user, memberships__role=MemberRole.MANAGER)

    def of_user(self, user):
        return self.filter(memberships__user=user)


class Organisation(models.Model):
    """A legal entity that can join consortia. Profiles are kept by the organisation's managers."""

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    type = models.CharField(_("type"), max_length=32, choices=OrganisationType.choices)
    country = models.CharField(_("country"), max_length=2, help_text=_("Two-letter ISO code, e.g. LT."))
    registration_code = models.CharField(_("registration code"), max_length=40, blank=True)
    nace_codes = models.JSONField(_("NACE sectors"), default=list, blank=True)
    clusters = models.ManyToManyField(
        "self",
        verbose_name=_("cluster memberships"),
        symmetrical=False,
        blank=True,
        limit_choices_to={"type": OrganisationType.CLUSTER_ORGANISATION},
        related_name="cluster_members",
    )
    capabilities = models.TextField(_("capabilities"), blank=True, max_length=limits.PARAGRAPHS)
    technologies = models.TextField(_("technologies"), blank=True, max_length=limits.PARAGRAPHS)
    value_chain_position = models.CharField(
        _("position in the value chain"), max_length=16, choices=ValueChainPosition.choices, blank=True
    )
    international_links = models.TextField(
        _("international links"),
        blank=True,
        help_text=_("Foreign partners, export markets, global value chains."),
        max_length=limits.PARAGRAPHS,
    )
    # Consent: without it the organisation is never suggested, listed in partner search or sent a contact request.
    is_contactable = models.BooleanField(
        _("other organisations may find and contact us"),
        default=False,
        help_text=_("Lists the organisation in partner search and suggestions, with its contact e-mail and phone."),
    )
    website = models.URLField(_("website"), blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    is_fictional = models.BooleanField(
        _("fictional (demo data)"),
        default=False,
        help_text=_("Invented for the demonstration; not a real organisation."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["country", "registration_code"],
                condition=~models.Q(registration_code=""),
                name="unique_registration_per_country",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=16, choices=MemberRole.choices, default=MemberRole.MEMBER)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="unique_membership")]
        verbose_name = _("membership")

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation} ({self.get_role_display()})"
