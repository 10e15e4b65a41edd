"""The append-only audit log.

Services write one `AuditEntry` per state change inside the same transaction as the change itself
(`innopart.core.audit.record`). The application offers no way to edit or delete entries: the model refuses
updates and deletes, and on PostgreSQL a trigger refuses them at the database too (migration 0002).

Each entry also carries a digest over its own content and the previous entry's digest (`innopart.core.chain`), so
an entry changed or removed behind the application's back, or lost in a restore, breaks the chain where it
happened; `innopart verify_audit` walks it.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(RuntimeError):
    pass


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Audit entries cannot be changed.")

    def delete(self):
        raise AppendOnlyError("Audit entries cannot be deleted.")


class AuditEntry(models.Model):
    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=64)
    object_type = models.CharField(_("object type"), max_length=100, db_index=True)
    object_id = models.CharField(_("object id"), max_length=64)
    object_repr = models.CharField(_("object"), max_length=255)
    from_state = models.CharField(_("from"), max_length=32, blank=True)
    to_state = models.CharField(_("to"), max_length=32, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    digest = models.CharField(_("digest"), max_length=64, blank=True, editable=False)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit entries cannot be deleted.")

    @property
    def action_label(self) -> str:
        from .actions import ACTION_LABELS

        return str(ACTION_LABELS.get(self.action, self.action))

    @property
    def object_type_label(self) -> str:
        from .actions import object_type_label

        return object_type_label(self.object_type)

    @property
    def from_label(self) -> str:
        from .actions import state_label

        return state_label(self.object_type, self.from_state)

    @property
    def to_label(self) -> str:
        from .actions import state_label

        return state_label(self.object_type, self.to_state)
