"""What the eight key tasks cost a person, and the budget none of them may exceed.

A task is measured from where the person stands when it starts (logged in, on the page the journey names) to its
end. It counts:
- loads: documents the browser loaded (a click on a link, a form sent and answered with a page, a typed address);
- submits: forms the person sent, by the browser or by htmx (a filter counts, a preview while typing does not);
- typed: addresses the journey had to type because no link led there.

BUDGET holds the figures measured after the start page and the menu by role (issue 17; the figures before them are in
docs/usability.md): a change may lower a figure, never raise it. When a task gets shorter, lower its budget to the
new figure, so that it stays.
With INNOPART_USABILITY_LOG set to a file, every measured task is appended to it as a JSON line, to report them.
"""

import json
import os
from dataclasses import asdict, dataclass, replace


@dataclass
class Effort:
    loads: int = 0
    submits: int = 0
    typed: int = 0

    def copy(self) -> "Effort":
        return replace(self)

    def __sub__(self, other: "Effort") -> "Effort":
        return Effort(self.loads - other.loads, self.submits - other.submits, self.typed - other.typed)


BUDGET: dict[str, Effort] = {
    "apply with a consortium": Effort(loads=21, submits=13, typed=1),
    "answer a clarification question": Effort(loads=2, submits=1, typed=0),
    "score an application": Effort(loads=4, submits=2, typed=0),
    "rule on a conflict": Effort(loads=2, submits=1, typed=0),
    "award": Effort(loads=3, submits=2, typed=0),
    "review an annual report": Effort(loads=2, submits=1, typed=0),
    "compare two regions": Effort(loads=5, submits=1, typed=0),
    "import a dataset": Effort(loads=4, submits=2, typed=0),
}


def judge(task: str, effort: Effort) -> None:
    log = os.environ.get("INNOPART_USABILITY_LOG")
    if log:
        with open(log, "a", encoding="utf-8") as out:
            out.write(json.dumps({"task": task, **asdict(effort)}) + "\n")
    budget = BUDGET[task]
    over = [
        f"{name}: {getattr(effort, name)} > {getattr(budget, name)}"
        for name in ("loads", "submits", "typed")
        if getattr(effort, name) > getattr(budget, name)
    ]
    assert not over, f"The task '{task}' got longer than its budget: {', '.join(over)}"
