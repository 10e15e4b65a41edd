import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# NACE Rev. 2 codes: a section letter, or a division/group/class such as 10, 10.5 or 10.51.
NACE_CODE = re.compile(r"^(?:[A-U]|\d{2}(?:\.\d{1,2})?)$")


def parse_nace_codes(value: str) -> list[str]:
    """Split a comma-separated list of NACE codes, normalised and de-duplicated, in input order."""
    codes: list[str] = []
    for raw in value.replace(";", ",").split(","):
        code = raw.strip().upper()
        if not code:
            continue
        if not NACE_CODE.match(code):
            raise ValidationError(
                _("“%(code)s” is not a NACE Rev. 2 code (for example C, 10 or 10.51).") % {"code": raw.strip()}
            )
        if code not in codes:
            codes.append(code)
    return codes
