"""Where an object stands in its process: the steps before it (done), its step (current) and those after (to do),
with what happens next and who does it. Each domain app names its steps in its enums; templates draw them with
`includes/steps.html`."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    label: str
    state: str  # "done", "current" or "todo"


@dataclass(frozen=True)
class Progress:
    steps: list[Step]
    next_step: str

    @property
    def current(self) -> str:
        return next((step.label for step in self.steps if step.state == "current"), "")


def progress(
    order: Sequence[tuple[str, str]], current: str, next_steps: Mapping[str, str], *, at: str = ""
) -> Progress:
    """The steps of `order` (value, label) with `current` marked. A state outside the order (withdrawn, returned)
    is drawn at the step `at` names, with its own label; a last step reached is done, not pending."""
    values = [value for value, _label in order]
    position = values.index(current if current in values else at)
    labels = dict(order)
    steps = []
    for index, value in enumerate(values):
        if index < position:
            state = "done"
        elif index == position:
            state = "done" if index == len(values) - 1 and current in values else "current"
        else:
            state = "todo"
        label = labels[value]
        if index == position and current not in values:
            label = next_steps.get(f"{current}:label", label)
        steps.append(Step(str(label), state))
    return Progress(steps, str(next_steps.get(current, "")))
