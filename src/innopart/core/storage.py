"""Where uploaded and generated files live: ``STORAGES["private"]``, a directory (MEDIA_ROOT) on one host or on a
shared mount, or an S3-compatible bucket through django-storages (S3_BUCKET) for several hosts without one.

Files are never reachable by address: every one is served through a view that checks access (no base URL on the
directory; S3 objects private, read by the server). The models hold a lazy handle, so a change of STORAGES (a
test, an operator's setting) takes effect without re-importing them."""

from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.utils.functional import LazyObject, empty


class PrivateStorage(LazyObject):
    def _setup(self):
        self._wrapped = storages["private"]


private = PrivateStorage()


def is_local() -> bool:
    """True when the files are in a directory of this host (MEDIA_ROOT), False for object storage."""
    from django.core.files.storage import FileSystemStorage

    return isinstance(storages["private"], FileSystemStorage)


def walk(storage=None, folder: str = "") -> list[str]:
    """Every file's name in the storage, whatever the backend (a directory or a bucket)."""
    storage = storage or private
    folders, files = storage.listdir(folder)
    found = [f"{folder}/{name}" if folder else name for name in files]
    for sub in folders:
        found += walk(storage, f"{folder}/{sub}" if folder else sub)
    return sorted(found)


def _reset(*, setting, **kwargs):
    if setting in ("STORAGES", "MEDIA_ROOT"):
        private._wrapped = empty


setting_changed.connect(_reset)
