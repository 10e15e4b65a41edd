"""Upload size limits, one per kind of file, and a cap on the whole request.

Documents (letters of commitment, milestone and indicator evidence, all PDF) and data files (the observatory's
CSV, TSV and Excel imports) have limits of their own, set by the operator (UPLOAD_MAX_BYTES,
UPLOAD_MAX_DATA_BYTES). A form checks its file against its kind's limit and names both sizes. Django reads an
uploaded file to disk before any form sees it, so a request larger than the largest limit (plus room for the
form around it) is refused with 413 by `RequestSizeMiddleware` from its Content-Length, before its body is read.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

KINDS = {
    "document": ("UPLOAD_MAX_BYTES", gettext_lazy("a document")),
    "data": ("UPLOAD_MAX_DATA_BYTES", gettext_lazy("a data file")),
}
FORM_ROOM = 1024 * 1024  # the form's other fields and the multipart framing


def limit(kind: str) -> int:
    return int(getattr(settings, KINDS[kind][0]))


def request_limit() -> int:
    return max(limit(kind) for kind in KINDS) + FORM_ROOM


def check_size(upload, kind: str) -> None:
    """Raise a ValidationError naming the file's size and the limit for its kind."""
    if upload.size > limit(kind):
        raise ValidationError(
            _("The file is %(size)s; the limit for %(kind)s is %(limit)s.")
            % {"size": filesizeformat(upload.size), "kind": KINDS[kind][1], "limit": filesizeformat(limit(kind))}
        )


class RequestSizeMiddleware:
    """Refuse a request whose declared body exceeds what any form accepts, before reading it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > request_limit():
            return render(
                request,
                "core/too_large.html",
                {"size": filesizeformat(length), "limit": filesizeformat(request_limit())},
                status=413,
            )
        return self.get_response(request)
