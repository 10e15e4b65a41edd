"""NACE Rev. 2 divisions to sections: enough to tell whether a consortium spans several sectors."""

_SECTION_BY_DIVISION = [
    ("A", 1, 3),
    ("B", 5, 9),
    ("C", 10, 33),
    ("D", 35, 35),
    ("E", 36, 39),
    ("F", 41, 43),
    ("G", 45, 47),
    ("H", 49, 53),
    ("I", 55, 56),
    ("J", 58, 63),
    ("K", 64, 66),
    ("L", 68, 68),
    ("M", 69, 75),
    ("N", 77, 82),
    ("O", 84, 84),
    ("P", 85, 85),
    ("Q", 86, 88),
    ("R", 90, 93),
    ("S", 94, 96),
    ("T", 97, 98),
    ("U", 99, 99),
]


def nace_section(code: str) -> str | None:
    """The section letter of a NACE code (`"10.51"` -> `"C"`), or None for an unknown code."""
    code = code.strip().upper()
    if len(code) == 1 and code.isalpha():
        return code
    try:
        division = int(code.split(".")[0])
    except ValueError:
        return None
    for section, low, high in _SECTION_BY_DIVISION:
        if low <= division <= high:
            return section
    return None
