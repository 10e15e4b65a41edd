"""How long a text a person may type, by purpose. Forms enforce these (and show a counter); the database columns
stay unbounded text, so a limit can change without a migration of the data.

The sizes follow the briefing's application: a section is a few pages (20,000 characters is about 3,000 words),
a justification or a report a few paragraphs, a comment or a note one paragraph.
"""

NOTE = 2_000  # a comment, a note, a reason, a question, a message
PARAGRAPHS = 6_000  # a justification, strengths, a report, a profile's capabilities
DOCUMENT = 20_000  # an application section, a call's description and conditions
SPECIFICATION = 100_000  # a YAML specification edited by analysts


def checked_text(value: str, *, field: str, limit: int) -> str:
    """The text, stripped, for a service that takes it straight from a request rather than through a form.

    Refuses, under the field's name, what a form's CharField would: a NUL character (PostgreSQL cannot store it)
    and a text longer than its limit.
    """
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    value = (value or "").strip()
    if "\x00" in value:
        raise ValidationError({field: _("The text contains a null character; remove it and send it again.")})
    if len(value) > limit:
        raise ValidationError(
            {
                field: _("The text has %(length)s characters; at most %(limit)s are taken.")
                % {"length": len(value), "limit": limit}
            }
        )
    return value
