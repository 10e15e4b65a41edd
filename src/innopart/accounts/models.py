from functools import cached_property

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from .enums import Role


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractUser):
    """A person. Signs in with an e-mail address; platform roles are `RoleAssignment` rows."""

    username = None  # type: ignore[assignment]
    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]
    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["full_name", "email"]
        # Lists of people sorted by name (a jury of 15,000) read the first page from the index instead of
        # sorting every row.
        indexes = [models.Index(fields=["full_name"], name="user_full_name")]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    @cached_property
    def roles(self) -> frozenset[str]:
        return frozenset(self.role_assignments.values_list("role", flat=True))

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))


class RoleAssignment(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="unique_role_per_user")]
        verbose_name = _("role assignment")

    def __str__(self) -> str:
        return f"{self.user}: {self.get_role_display()}"


class TokenScope(models.TextChoices):
    """What a personal API token may read beyond the open data, which needs no token. All scopes are read-only:
    the API writes nothing."""

    APPLICATIONS = "applications:read", _("Read my applications")
    PARTNERSHIPS = "partnerships:read", _("Read my partnerships")


class ApiToken(models.Model):
    """A personal API token for programs. Only a digest of the secret is stored: the secret is shown once, when the
    token is made. The secret is random (256 bits), so a plain SHA-256 is enough; a slow password hash would only
    make every API request slow."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("begins with"), max_length=12)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    scopes = models.JSONField(_("scopes"), default=list, blank=True)
    created_at = models.DateTimeField(_("made"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def scope_names(self) -> list[str]:
        labels = dict(TokenScope.choices)
        return [str(labels[s]) for s in self.scopes if s in labels]
