"""Background work of the observatory. The index computation's task lives beside its code (change_index); its
old address is kept here so that tasks queued by an earlier version still run after an upgrade."""

from .change_index import compute_index  # noqa: F401
