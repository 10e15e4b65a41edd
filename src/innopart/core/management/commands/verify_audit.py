"""`innopart verify_audit`: walk the audit log's hash chain and name the first entry that breaks it."""

from django.core.management.base import BaseCommand, CommandError

from innopart.core import chain
from innopart.core.models import AuditEntry


class Command(BaseCommand):
    help = "Check that no audit entry was changed, removed or inserted behind the application's back."

    def handle(self, *args, **options):
        entries = AuditEntry.objects.order_by("id")
        broken = chain.first_break(entries.iterator(chunk_size=2000))
        if broken is not None:
            raise CommandError(
                f"The audit chain breaks at entry {broken.pk} ({broken.at:%Y-%m-%d %H:%M:%S} {broken.action}): "
                "it, or an entry before it, was changed, removed or inserted outside the application."
            )
        self.stdout.write(f"The audit chain is unbroken: {entries.count():,} entries.")
