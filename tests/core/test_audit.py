import io

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from innopart.core import audit, chain
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


def test_the_audit_log_names_object_types_and_states_in_words_never_codes(client, administrator, call):
    client.force_login(administrator)
    page = client.get("/audit/").text
    # The call was published: its type and its new state in words, in the table and in the filter.
    assert "calls.call" not in page.replace('value="calls.call"', "")
    assert ">Call<" in page and "Published" in page
    lithuanian = client.get("/audit/", HTTP_ACCEPT_LANGUAGE="lt").text
    assert "calls.call" not in lithuanian.replace('value="calls.call"', "")
    filtered = client.get("/audit/", {"type": "calls.call"}).text
    assert "Call state changed" in filtered


def test_every_entry_is_chained_to_the_one_before(ministry_officer, call):
    with transaction.atomic():
        audit.record(actor=ministry_officer, obj=call, action="test", changes={"share": 2.0, "names": ("a", "b")})
    entries = list(AuditEntry.objects.order_by("id"))
    assert len(entries) >= 2
    assert chain.first_break(entries) is None
    assert len({e.digest for e in entries}) == len(entries)
    # What was stored reads back with the digest it was written with (floats and tuples as any database returns them).
    assert entries[-1].changes == {"share": 2, "names": ["a", "b"]}


@pytest.mark.skipif(connection.vendor == "postgresql", reason="PostgreSQL's trigger refuses the tampering itself")
def test_verify_audit_names_an_entry_changed_behind_the_applications_back(ministry_officer, call):
    with transaction.atomic():
        for n in range(3):
            audit.record(actor=ministry_officer, obj=call, action=f"test.{n}")
    assert "unbroken" in _verify()
    victim = AuditEntry.objects.get(action="test.1")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditentry SET reason = 'rewritten' WHERE id = %s", [victim.pk])
    with pytest.raises(CommandError, match=f"breaks at entry {victim.pk} "):
        _verify()


def test_verify_audit_notices_a_removed_entry(ministry_officer, call):
    with transaction.atomic():
        for n in range(3):
            audit.record(actor=ministry_officer, obj=call, action=f"test.{n}")
    entries = list(AuditEntry.objects.order_by("id"))
    removed = entries[-2]
    rest = [e for e in entries if e.pk != removed.pk]
    assert chain.first_break(rest) == entries[-1]


def _verify() -> str:
    out = io.StringIO()
    call_command("verify_audit", stdout=out)
    return out.getvalue()
