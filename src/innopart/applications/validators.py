from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _


def validate_pdf(upload) -> None:
    """Accept only real PDF files within the size limit: the name, the declared type and the first bytes agree."""
    if upload.size > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(settings.UPLOAD_MAX_BYTES)}
        )
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if not upload.name.lower().endswith(".pdf") or head != b"%PDF-":
        raise ValidationError(_("Only PDF files are accepted; “%(name)s” is not a PDF.") % {"name": upload.name})
