"""Every audit action the code writes has a name people read (the audit log never shows a code as a label)."""

import re
from pathlib import Path

from innopart.core.actions import ACTION_LABELS

SOURCE = Path(__file__).resolve().parents[2] / "src" / "innopart"


def test_every_action_written_has_a_label():
    written = {
        code
        for path in SOURCE.rglob("*.py")
        for code in re.findall(r'action="([a-z_]+\.[a-z_]+)"', path.read_text(encoding="utf-8"))
    }
    assert len(written) > 50
    assert sorted(written - set(ACTION_LABELS)) == []
