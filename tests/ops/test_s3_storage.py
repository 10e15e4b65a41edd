"""Uploads in S3-compatible object storage (django-storages), for several hosts without a shared file system: an
S3 server on loopback (moto), the platform's own upload and download views, and backup and restore through it."""

import secrets
from pathlib import Path

import pytest

from innopart.core import storage
from innopart.ops import backup

from .processes import BIN, Process, development_env, free_port, get, wait_for

pytestmark = pytest.mark.django_db

boto3 = pytest.importorskip("boto3")


@pytest.fixture(scope="module")
def s3_server(tmp_path_factory):
    port = free_port()
    log = tmp_path_factory.mktemp("moto") / "moto.log"
    server = Process([str(BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(port)], development_env(log.parent), log)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: get(url + "/moto-api/")[0] == 200, seconds=30, what="the S3 server")
        yield url
    finally:
        server.terminate()


@pytest.fixture
def bucket(s3_server, settings, monkeypatch, tmp_path):
    keys = {"AWS_ACCESS_KEY_ID": "innopart-test", "AWS_SECRET_ACCESS_KEY": secrets.token_hex(8)}
    for name, value in keys.items():
        monkeypatch.setenv(name, value)
    name = f"innopart-{secrets.token_hex(4)}"
    client = boto3.client("s3", endpoint_url=s3_server, region_name="us-east-1", **_lower(keys))
    client.create_bucket(Bucket=name)
    settings.MEDIA_ROOT = tmp_path / "media-unused"
    settings.S3_BUCKET = name
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": name,
                "endpoint_url": s3_server,
                "region_name": "us-east-1",
                "location": "uploads",
                "default_acl": None,
                "file_overwrite": False,
            },
        },
    }
    yield client, name


def _lower(keys: dict) -> dict:
    return {"aws_access_key_id": keys["AWS_ACCESS_KEY_ID"], "aws_secret_access_key": keys["AWS_SECRET_ACCESS_KEY"]}


def _objects(client, name: str) -> dict[str, bytes]:
    listed = client.list_objects_v2(Bucket=name).get("Contents", [])
    return {o["Key"]: client.get_object(Bucket=name, Key=o["Key"])["Body"].read() for o in listed}


def test_letters_go_to_the_bucket_and_download_through_the_access_check(
    bucket, client, applicant_a, applicant_b, application_a
):
    s3, name = bucket
    stored = _objects(s3, name)
    letters = {k: v for k, v in stored.items() if k.startswith(f"uploads/applications/{application_a.pk}/letters/")}
    assert letters and all(body.startswith(b"%PDF-") for body in letters.values())
    assert not storage.is_local() and not Path(storage.private.location).is_absolute()
    partner = application_a.partners.exclude(commitment_letter="").first()
    url = f"/applications/{application_a.pk}/partners/{partner.pk}/letter.pdf"
    client.force_login(applicant_a)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == stored[f"uploads/{partner.commitment_letter.name}"]
    client.force_login(applicant_b)
    assert client.get(url).status_code == 404


def test_a_backup_takes_the_buckets_files_and_a_restore_puts_them_back(bucket, application_a, tmp_path):
    """The storage side of `innopart backup` and `innopart restore` (the database side and the whole round trip
    on a directory are tested against real servers in test_backup.py)."""
    s3, name = bucket
    before = _objects(s3, name)
    taken = backup._uploads(tmp_path)
    assert {archived: path.read_bytes() for archived, path in taken.items()} == before
    with pytest.raises(backup.BackupError, match=f"The bucket {name} already holds files"):
        backup._check_empty_storage()
    for key in before:
        s3.delete_object(Bucket=name, Key=key)
    backup._check_empty_storage()  # empty now: a restore may proceed
    backup._put_uploads(tmp_path / "uploads", tmp_path / "unused")
    assert _objects(s3, name) == before
