"""The audit log's hash chain (innopart.core.chain): a digest per entry, computed here for the entries that exist.

A hot table gets a column with a constant default (no rewrite on PostgreSQL 11+); the fill updates each existing
row once, with the append-only trigger paused inside this migration's transaction only.
"""

from django.db import migrations, models

from innopart.core import chain


def fill(apps, schema_editor):
    AuditEntry = apps.get_model("core", "AuditEntry")
    postgres = schema_editor.connection.vendor == "postgresql"
    if postgres:
        schema_editor.execute("ALTER TABLE core_auditentry DISABLE TRIGGER core_auditentry_append_only")
    previous = chain.GENESIS
    for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=2000):
        entry.digest = chain.digest(previous, entry)
        AuditEntry.objects.filter(pk=entry.pk).update(digest=entry.digest)
        previous = entry.digest
    if postgres:
        schema_editor.execute("ALTER TABLE core_auditentry ENABLE TRIGGER core_auditentry_append_only")


class Migration(migrations.Migration):
    dependencies = [("core", "0002_audit_append_only_trigger")]

    operations = [
        migrations.AddField(
            model_name="auditentry",
            name="digest",
            field=models.CharField(blank=True, editable=False, max_length=64, verbose_name="digest"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
