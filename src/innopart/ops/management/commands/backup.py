"""`innopart backup [--out FILE] [--keep N]`: one archive of the database, the uploads and a manifest."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from innopart.ops.backup import BackupError, create_backup, prune


class Command(BaseCommand):
    help = "Write a backup archive (database, uploaded files, manifest with schema version and checksums)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--out", type=Path, help="the archive to write (default: BACKUP_DIR/innopart-<time>.tar.gz)"
        )
        parser.add_argument(
            "--keep", type=int, default=0, help="then delete all but the newest N archives in BACKUP_DIR (0: keep all)"
        )

    def handle(self, *args, out=None, keep=0, **options):
        try:
            path = create_backup(out, progress=lambda step: self.stderr.write(f"backup: {step} ..."))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"{path} ({path.stat().st_size:,} bytes)")
        if keep:
            for old in prune(Path(settings.BACKUP_DIR), keep):
                self.stderr.write(f"backup: deleted {old}")
