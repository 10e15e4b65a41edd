"""`innopart restore ARCHIVE`: onto an empty database of the same schema version; refuses anything else unchanged."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from innopart.ops.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "Restore a backup archive onto an empty database and an empty upload directory."
    requires_system_checks = []  # an empty database fails some checks; the archive is checked instead

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)

    def handle(self, *args, archive, **options):
        try:
            done = restore_backup(archive, progress=lambda step: self.stderr.write(f"restore: {step} ..."))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        manifest = done.manifest
        self.stdout.write(
            f"Restored {archive}: Innopart {manifest['innopart_version']}, made {manifest['created_at']}, "
            f"{sum(done.rows.values()):,} rows in {len(done.rows)} tables, "
            f"{sum(1 for name in manifest['files'] if name.startswith('uploads/')):,} files."
        )
