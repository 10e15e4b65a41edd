from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from innopart.core.uploads import check_size


def validate_pdf(upload) -> None:
    """Accept only real PDF files within the size limit: the name, the declared type and the first bytes agree."""
    check_size(upload, "document")
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if not upload.name.lower().endswith(".pdf") or head != b"%PDF-":
        raise ValidationError(_("Only PDF files are accepted; “%(name)s” is not a PDF.") % {"name": upload.name})
