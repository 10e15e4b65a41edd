"""How long a text a person may type, by purpose. Forms enforce these (and show a counter); the database columns
stay unbounded text, so a limit can change without a migration of the data.

The sizes follow the briefing's application: a section is a few pages (20,000 characters is about 3,000 words),
a justification or a report a few paragraphs, a comment or a note one paragraph.
"""

NOTE = 2_000  # a comment, a note, a reason, a question, a message
PARAGRAPHS = 6_000  # a justification, strengths, a report, a profile's capabilities
DOCUMENT = 20_000  # an application section, a call's description and conditions
SPECIFICATION = 100_000  # a YAML specification edited by analysts
