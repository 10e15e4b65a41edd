"""Schemas the JSON API's routers share."""

from ninja import Schema


class Message(Schema):
    """What a refusal says: 401 when not signed in, 404 for what does not exist or may not be seen."""

    detail: str


class Invalid(Schema):
    """422: a parameter of the wrong type or out of range; each entry of ``detail`` names it (``loc``)."""

    detail: list[dict]
