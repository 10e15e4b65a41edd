class CompositeError(ValueError):
    """Bad input to the composite-indicator engine. The message names the place: row, unit, column or code."""


class FrameworkError(CompositeError):
    """The index structure (iMeta) is inconsistent."""


class DataError(CompositeError):
    """The indicator data (iData) do not fit the framework or are not numeric."""
