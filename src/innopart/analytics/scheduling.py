"""Scheduling 1:1 meetings at a matchmaking event: as many requested meetings as possible, mutual requests first,
nobody in two meetings at once, no more meetings in a slot than tables, nobody outside their available slots, and
confirmed meetings kept where they are when the plan is redone after late changes.

Weights: 2 for a mutual request, 1 for a one-sided one, by default. First, a bound: which meetings could happen
at all, each participant in no more meetings than their free slots and no more than slots x tables in all (a
b-matching solved with OR-Tools CP-SAT; slots are interchangeable there, which keeps it fast and its bound tight).
Then the plan: every meeting that can happen competes for a slot. The start is the plain greedy plan (confirmed
meetings first, then heaviest first into the earliest slot both people have free), improved by moving one meeting
aside to let a waiting one in; CP-SAT then searches over ``x[m, s] = 1`` (meeting ``m`` in slot ``s``; each
participant once per slot, at most ``tables`` per slot, confirmed meetings fixed) from that start, never below it.
The plan is optimal when it reaches the bound; otherwise the result says by how much it could fall short.

(An earlier version gave the second model only the meetings the b-matching picked: a picked meeting that found no
slot was lost while one left out might have fitted, and a plain greedy served slightly more. Measured in
bench/scheduling.py.)
"""

import time
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ortools.sat.python import cp_model

MUTUAL, ONE_SIDED = 2, 1


@dataclass(frozen=True)
class Meeting:
    a: Hashable
    b: Hashable
    slot: int
    table: int
    mutual: bool


@dataclass(frozen=True)
class Plan:
    meetings: list[Meeting]
    requests: int  # requests made (a mutual pair counts as two)
    requests_served: int
    optimal: bool
    bound: float  # an upper bound on the objective; the objective is the plan's total weight
    objective: float

    @property
    def share_served(self) -> float:
        return self.requests_served / self.requests if self.requests else 1.0

    def of(self, participant: Hashable) -> list[Meeting]:
        """A participant's personal schedule, by slot."""
        return sorted((m for m in self.meetings if participant in (m.a, m.b)), key=lambda m: m.slot)


Pair = frozenset[Hashable]


def _pairs(requests: Iterable[tuple[Hashable, Hashable]]) -> dict[Pair, int]:
    """Requests (from, to) to meetings: an unordered pair and how many of its two directions were requested."""
    pairs: dict[Pair, set[tuple[Hashable, Hashable]]] = {}
    for source, target in requests:
        if source == target:
            raise ValueError(f"{source!r} cannot request a meeting with itself.")
        pairs.setdefault(frozenset((source, target)), set()).add((source, target))
    return {pair: len(directions) for pair, directions in pairs.items()}


def schedule(
    participants: Sequence[Hashable],
    requests: Iterable[tuple[Hashable, Hashable]],
    *,
    slots: int,
    tables: int,
    unavailable: Mapping[Hashable, Iterable[int]] | None = None,
    confirmed: Mapping[tuple[Hashable, Hashable], int] | None = None,
    weights: tuple[int, int] = (MUTUAL, ONE_SIDED),
    time_limit: float = 4.0,
    seed: int = 0,
) -> Plan:
    """Plan the meetings. ``confirmed`` maps a pair (either order) to the slot it must keep."""
    began = time.perf_counter()
    if slots < 1 or tables < 1:
        raise ValueError("An event needs at least one slot and one table.")
    known = set(participants)
    pairs = _pairs(requests)
    for pair in pairs:
        unknown = pair - known
        if unknown:
            raise ValueError(f"Unknown participant {sorted(map(repr, unknown))[0]} in a request.")
    away = {p: set(s) for p, s in (unavailable or {}).items()}
    fixed = {frozenset(pair): slot for pair, slot in (confirmed or {}).items()}
    for pair, slot in fixed.items():
        if pair not in pairs:
            raise ValueError(f"The confirmed meeting {sorted(map(repr, pair))} was never requested.")
        if not 0 <= slot < slots or any(slot in away.get(p, ()) for p in pair):
            raise ValueError(f"The confirmed meeting {sorted(map(repr, pair))} cannot keep slot {slot}.")
    mutual_weight, one_weight = weights
    meetings = sorted(pairs, key=lambda p: (-pairs[p], sorted(map(repr, p))))
    weight = {p: mutual_weight if pairs[p] == 2 else one_weight for p in meetings}
    free = {p: [s for s in range(slots) if not any(s in away.get(q, ()) for q in p)] for p in meetings}

    # Phase 1, which meetings: a b-matching (each participant in at most as many meetings as their free slots,
    # at most slots x tables in all). Its optimum bounds the whole problem from above.
    capacity = {p: slots - len(away.get(p, set()) & set(range(slots))) for p in known}
    pick = cp_model.CpModel()
    y = [pick.new_bool_var("") for _ in meetings]
    of_participant: dict[Hashable, list[Any]] = {}
    for m, pair in enumerate(meetings):
        for p in pair:
            of_participant.setdefault(p, []).append(y[m])
    for p, mine in of_participant.items():
        if len(mine) > capacity[p]:
            pick.add(sum(mine) <= capacity[p])
    pick.add(sum(y) <= slots * tables)
    for m, pair in enumerate(meetings):
        if pair in fixed:
            pick.add(y[m] == 1)
        if not free[pair]:
            pick.add(y[m] == 0)
    pick.maximize(sum(weight[pair] * y[m] for m, pair in enumerate(meetings)))
    first = _solver(time_limit / 3, seed)
    status = first.solve(pick)
    if status == cp_model.INFEASIBLE:
        raise ValueError("The confirmed meetings do not fit: a participant has more of them than free slots.")
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        bound = float(sum(weight.values()))
    else:
        bound = first.best_objective_bound

    # Phase 2, when: every meeting that can happen competes for a slot (not only those phase 1 picked: a meeting
    # it left out may fit where a picked one does not). The start is the plain greedy plan, improved by moving one
    # meeting aside to let a waiting one in; CP-SAT then searches from it. The result is never below the greedy.
    candidates = [m for m, pair in enumerate(meetings) if free[pair]]
    start = _greedy(meetings, free, fixed, tables)
    start = _repair(meetings, free, fixed, tables, weight, start)
    if sum(weight[meetings[m]] for m in start) < bound - 1e-9:
        budget = max(0.0, time_limit - (time.perf_counter() - began)) / 2
        start = _improve(meetings, free, fixed, tables, weight, start, seconds=budget, seed=seed)
    start_weight = sum(weight[meetings[m]] for m in start)
    chosen = start
    if start_weight < bound - 1e-9:
        model = cp_model.CpModel()
        x = {(m, s): model.new_bool_var("") for m in candidates for s in free[meetings[m]]}
        by_participant_slot: dict[tuple[Hashable, int], list[Any]] = {}
        by_slot: dict[int, list[Any]] = {}
        for (m, s), var in x.items():
            by_slot.setdefault(s, []).append(var)
            for p in meetings[m]:
                by_participant_slot.setdefault((p, s), []).append(var)
        for m in candidates:
            pair = meetings[m]
            model.add_at_most_one(x[m, s] for s in free[pair])
            if pair in fixed:
                model.add(x[m, fixed[pair]] == 1)
        for group in by_participant_slot.values():
            if len(group) > 1:
                model.add_at_most_one(group)
        for group in by_slot.values():
            if len(group) > tables:
                model.add(sum(group) <= tables)
        total = sum(weight[meetings[m]] * var for (m, _s), var in x.items())
        model.add(total >= start_weight)  # never below the start
        model.add(total <= int(bound))  # phase 1's bound: the search stops when it reaches it
        model.maximize(total)
        for (m, s), var in x.items():
            model.add_hint(var, start.get(m) == s)
        solver = _solver(max(0.1, time_limit - (time.perf_counter() - began)), seed)
        status = solver.solve(model)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            found = {m: s for (m, s), var in x.items() if solver.value(var)}
            if sum(weight[meetings[m]] for m in found) > start_weight:
                chosen = found
            # The full model's own bound, when the search closed it, is the tighter one.
            bound = min(bound, solver.best_objective_bound)
        elif status == cp_model.INFEASIBLE and not start and fixed:
            raise ValueError("The confirmed meetings do not fit: two share a participant or a slot has too few tables.")
    if any(m not in chosen for m, pair in enumerate(meetings) if pair in fixed):
        raise ValueError("The confirmed meetings do not fit: two share a participant or a slot has too few tables.")
    objective = float(sum(weight[meetings[m]] for m in chosen))
    optimal = objective >= bound - 1e-9
    plan_meetings: list[Meeting] = []
    tables_used: dict[int, int] = {}
    for m, s in sorted(chosen.items(), key=lambda item: (item[1], item[0])):
        a, b = sorted(meetings[m], key=repr)
        tables_used[s] = tables_used.get(s, 0) + 1
        plan_meetings.append(Meeting(a, b, s, tables_used[s], pairs[meetings[m]] == 2))
    return Plan(
        meetings=plan_meetings,
        requests=sum(pairs.values()),
        requests_served=sum(pairs[meetings[m]] for m in chosen),
        optimal=optimal,
        bound=float(bound),
        objective=objective,
    )


def _solver(seconds: float, seed: int) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.random_seed = seed
    solver.parameters.num_workers = 2
    return solver


class _Board:
    """A plan being improved: each placed meeting's slot, who is busy in which slot, the tables used per slot."""

    def __init__(self, meetings: Sequence[Pair], chosen: Mapping[int, int]):
        self.meetings = meetings
        self.chosen: dict[int, int] = {}
        self.at: dict[tuple[Hashable, int], int] = {}
        self.used: dict[int, int] = {}
        for m, s in chosen.items():
            self.put(m, s)

    def put(self, m: int, s: int) -> None:
        self.chosen[m] = s
        self.used[s] = self.used.get(s, 0) + 1
        for p in self.meetings[m]:
            self.at[p, s] = m

    def lift(self, m: int) -> None:
        s = self.chosen.pop(m)
        self.used[s] -= 1
        for p in self.meetings[m]:
            del self.at[p, s]


def _greedy(
    meetings: Sequence[Pair], free: Mapping[Pair, list[int]], fixed: Mapping[Pair, int], tables: int
) -> dict[int, int]:
    """Confirmed meetings first, then heaviest first (``meetings`` come sorted so) into the earliest slot both are
    free."""
    busy: set[tuple[Hashable, int]] = set()
    used: dict[int, int] = {}
    chosen: dict[int, int] = {}
    order = sorted(range(len(meetings)), key=lambda m: meetings[m] not in fixed)
    for m in order:
        pair = meetings[m]
        candidates = [fixed[pair]] if pair in fixed else free[pair]
        for s in candidates:
            if used.get(s, 0) < tables and not any((p, s) in busy for p in pair):
                chosen[m] = s
                used[s] = used.get(s, 0) + 1
                busy.update((p, s) for p in pair)
                break
    return chosen


def _repair(
    meetings: Sequence[Pair],
    free: Mapping[Pair, list[int]],
    fixed: Mapping[Pair, int],
    tables: int,
    weight: Mapping[Pair, int],
    chosen: dict[int, int],
) -> dict[int, int]:
    """Let waiting meetings in, heaviest first: where one of the pair is busy in a slot the other has free, move
    that participant's meeting to another slot free for both of its people (one move, never a confirmed meeting)."""
    board = _Board(meetings, chosen)
    chosen, at, used = board.chosen, board.at, board.used

    def open_for(pair: Pair, s: int, ignoring: int | None = None) -> bool:
        return all(at.get((p, s), ignoring) == ignoring for p in pair)

    place, lift = board.put, board.lift

    for m in sorted(set(range(len(meetings))) - set(chosen), key=lambda m: -weight[meetings[m]]):
        pair = meetings[m]
        if pair in fixed:
            continue
        done = False
        for s in free[pair]:
            if used.get(s, 0) >= tables:
                continue
            blockers = {at[p, s] for p in pair if (p, s) in at}
            if len(blockers) != 1:
                continue
            (other,) = blockers
            if meetings[other] in fixed:
                continue
            for t in free[meetings[other]]:
                if t != s and used.get(t, 0) < tables and open_for(meetings[other], t, ignoring=other):
                    lift(other)
                    place(other, t)
                    place(m, s)
                    done = True
                    break
            if done:
                break
        if not done:
            _kempe(m, board, free, fixed, tables)
    return chosen


def _kempe(m: int, board: "_Board", free: Mapping[Pair, list[int]], fixed: Mapping[Pair, int], tables: int) -> bool:
    """Place meeting ``m`` (a, b) by a Kempe-chain swap, the classic move of edge colouring: with slot alpha free
    for a and beta free for b, the meetings along the chain from b that alternate between alpha and beta swap
    their slots, which frees alpha for b. Refused when the chain reaches a, when a meeting on it is confirmed or
    unavailable in its new slot, or when a slot would need more tables than it has."""
    meetings, at, used = board.meetings, board.at, board.used
    pair = meetings[m]
    a, b = sorted(pair, key=repr)
    for first, second in ((a, b), (b, a)):
        open_first = [s for s in free[pair] if (first, s) not in at]
        open_second = [s for s in free[pair] if (second, s) not in at]
        for alpha in open_first:
            for beta in open_second:
                if alpha == beta:
                    continue
                path: list[int] = []
                node, slot = second, alpha
                while (node, slot) in at and len(path) <= 60:
                    step = at[node, slot]
                    path.append(step)
                    node = next(p for p in meetings[step] if p != node)
                    slot = beta if slot == alpha else alpha
                    if node == first:
                        break
                if node == first or len(path) > 60:
                    continue
                moves = [(step, beta if i % 2 == 0 else alpha) for i, step in enumerate(path)]
                if any(meetings[step] in fixed or new not in free[meetings[step]] for step, new in moves):
                    continue
                to_beta = sum(1 for _step, new in moves if new == beta)
                to_alpha = len(moves) - to_beta
                if (
                    used.get(alpha, 0) - to_beta + to_alpha + 1 > tables
                    or used.get(beta, 0) - to_alpha + to_beta > tables
                ):
                    continue
                for step, _new in moves:
                    board.lift(step)
                for step, new in [*moves, (m, alpha)]:
                    board.put(step, new)
                return True
    return False


def _improve(
    meetings: Sequence[Pair],
    free: Mapping[Pair, list[int]],
    fixed: Mapping[Pair, int],
    tables: int,
    weight: Mapping[Pair, int],
    chosen: dict[int, int],
    *,
    seconds: float,
    seed: int,
) -> dict[int, int]:
    """Ejection-chain local search for ``seconds``: a waiting meeting takes a slot by pushing out the meeting(s) in
    its way when they weigh no more; the pushed-out ones try to find another slot (directly or by a Kempe swap) or
    wait their turn. Moves that keep the weight let the search cross plateaus (most requests weigh the same); a
    meeting just placed is not pushed out again for a while. The best plan seen is returned. Deterministic for a
    seed, up to the time limit."""
    import random

    rng = random.Random(seed)  # noqa: S311  (a search order, not a secret)
    deadline = time.perf_counter() + seconds
    board = _Board(meetings, chosen)
    chosen, at, used = board.chosen, board.at, board.used
    current = sum(weight[meetings[m]] for m in chosen)
    best, best_weight = dict(chosen), current
    waiting = [m for m in range(len(meetings)) if m not in chosen and meetings[m] not in fixed and free[meetings[m]]]
    protected: dict[int, int] = {}
    step = 0

    put, lift = board.put, board.lift

    def direct(m: int) -> bool:
        for s in free[meetings[m]]:
            if used.get(s, 0) < tables and all((p, s) not in at for p in meetings[m]):
                put(m, s)
                return True
        return _kempe(m, board, free, fixed, tables)

    while waiting and time.perf_counter() < deadline:
        step += 1
        sample = [rng.randrange(len(waiting)) for _ in range(3)]
        index = max(sample, key=lambda i: weight[meetings[waiting[i]]])
        m = waiting[index]
        pair = meetings[m]
        if direct(m):
            waiting[index] = waiting[-1]
            waiting.pop()
            current += weight[pair]
        else:
            options = []
            for s in free[pair]:
                blockers = {at[p, s] for p in pair if (p, s) in at}
                if not blockers and used.get(s, 0) >= tables:
                    continue
                if any(meetings[o] in fixed or protected.get(o, 0) > step for o in blockers):
                    continue
                loss = sum(weight[meetings[o]] for o in blockers)
                if loss <= weight[pair]:
                    options.append((loss, rng.random(), s, blockers))
            if not options:
                continue
            loss, _, s, blockers = min(options)
            for o in blockers:
                lift(o)
            put(m, s)
            protected[m] = step + 7
            waiting[index] = waiting[-1]
            waiting.pop()
            current += weight[pair] - loss
            for o in blockers:
                if direct(o):
                    current += weight[meetings[o]]
                else:
                    waiting.append(o)
        if current > best_weight:
            best, best_weight = dict(chosen), current
    return best
