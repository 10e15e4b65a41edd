"""Every audit action the code writes has a name people read (the audit log never shows a code as a label)."""

import re
from pathlib import Path

from innopart.core.actions import ACTION_LABELS

SOURCE = Path(__file__).resolve().parents[2] / "src" / "innopart"


def test_every_action_written_has_a_label():
    written = {
        code
        for path in SOURCE.rglob("*.py")
        for line in path.read_text(encoding="utf-8").splitlines()
        if "action=" in line  # action="a.b", and action="a.b" if created else "a.c"
        for code in re.findall(r'"([a-z_]+\.[a-z_]+)"', line.split("action=", 1)[1])
    }
    assert len(written) > 50
    assert sorted(written - set(ACTION_LABELS)) == []
