import pytest
from django.db import DatabaseError, connection, transaction

from innopart.core import audit
from innopart.core.models import AppendOnlyError, AuditEntry

pytestmark = pytest.mark.django_db


def test_audit_rows_cannot_be_changed_or_deleted_through_the_application(ministry_officer, call):
    entry = AuditEntry.objects.first()
    entry.reason = "rewritten"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.update(reason="x")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL only")
def test_postgresql_refuses_updates_of_audit_rows_at_the_database(ministry_officer, call):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditentry SET reason = 'tampered'")


@pytest.mark.django_db(transaction=True)
def test_audit_is_refused_outside_the_transaction_of_the_change(ministry_officer, call):
    with pytest.raises(RuntimeError):
        audit.record(actor=ministry_officer, obj=call, action="test")
    with transaction.atomic():
        audit.record(actor=ministry_officer, obj=call, action="test")
    assert AuditEntry.objects.filter(action="test").count() == 1


def test_audit_log_page_is_for_administrators_only(client, administrator, ministry_officer, applicant_a, call):
    client.force_login(applicant_a)
    assert client.get("/audit/").status_code == 404
    client.force_login(ministry_officer)
    assert client.get("/audit/").status_code == 404
    client.force_login(administrator)
    response = client.get("/audit/")
    assert response.status_code == 200
    assert "Call state changed" in response.text
