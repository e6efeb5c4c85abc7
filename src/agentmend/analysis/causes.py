"""Failure causes as what users wanted × how the agent failed, merged only on evidence.

Each failed conversation brings its intent (clustered over all conversations, so it rests on far more data
than the failures alone), its mechanism (`mechanism.py`), the vector of its request and the vector of the
agent's failing reply. A piece is one (intent, mechanism) pair. Pieces are merged only on evidence that
they are one cause:

- same intent, other mechanism: most members of one piece also carry the other's failing step (one cause
  that fired two checks), or both failed in the agent's reply with no tool step (one need served badly:
  whether the reply reads as a refusal, an apology or a claim varies with its wording), or the agent's
  replies are alike (a tool error some exports do not carry, followed by the same reply);
- other intent, same mechanism (any reply counts as the same): the requests are alike (one need the intent
  step split), or the replies are alike *and* that reply is not a stock reply, or the mechanism is one tool
  step (`one_step`: the same check on the same tool, the same error class of one tool) — one fix covers it
  whichever intents it serves, and intents split finer than the need ("water", "storm", "theft" claims).

A reply is stock when near-identical replies appear in failed conversations of more than one intent and
are not about their requests (`STOCK_RELEVANCE`): an agent that says "I'm not able to help
with that specific request" to unrelated topics has one fallback, not one cause, so sharing it says nothing
about belonging together. A topical reply shared by several intents ("SSO can be configured in many ways")
is evidence: the intent step split one need by its wording (vendor names), the agent failed it one way.
Hand-written: this is a grouping rule over our own records, not a clustering algorithm a library offers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from agentmend.analysis.mechanism import Mechanism

NOISE = -1
STOCK_SIMILARITY = 0.9  # replies this similar are the same reply (templated wording, one slot changed)
STOCK_SPREAD = 2  # a reply seen in more than one intent is a stock reply…
# …when it is not about the requests it answers: no closer to its own request than to the average request
# by this much (content-free fallbacks measure ≈ 0 on the bundled corpora, topical replies shared by
# intents that split one need ≈ 0.15-0.25).
STOCK_RELEVANCE = 0.1
CO_FIRED_SHARE = 0.5  # share of a piece's members that also carry the other piece's failing step
_CHUNK = 2048


@dataclass(frozen=True)
class FailedItem:
    """One failed conversation as the cause step sees it."""

    intent: str | None
    mechanism: Mechanism
    steps: frozenset[tuple[str, str, str]]  # every failing step it carries (mechanism keys)


@dataclass(frozen=True)
class CauseGroups:
    labels: np.ndarray  # group per item, NOISE for pieces too small to stand as a cause
    mechanisms: dict[int, Mechanism]  # the mechanism that names each group
    spread: np.ndarray  # per item: intents its reply was seen in (0 without a reply)
    item_mechanisms: tuple[Mechanism, ...]  # per item, with stock replies recognised


def reply_spread(
    answers: np.ndarray, requests: np.ndarray, intents: Sequence[str | None]
) -> tuple[np.ndarray, np.ndarray]:
    """Per item: how many distinct intents have a failed conversation with a near-identical reply, and how
    much those replies are about their own requests (mean relevance over the near-identical ones)."""
    n = len(answers)
    spread = np.zeros(n, dtype=int)
    relevance = np.zeros(n, dtype=np.float32)
    has = np.linalg.norm(answers, axis=1) > 0 if n else np.zeros(0, dtype=bool)
    idx = np.flatnonzero(has)
    if not len(idx):
        return spread, relevance
    mat = answers[idx]
    rel = (mat * requests[idx]).sum(axis=1) - mat @ requests.mean(axis=0)
    codes = {v: i for i, v in enumerate(sorted({str(x) for x in intents}))}
    intent_code = np.array([codes[str(intents[int(i)])] for i in idx])
    placed = np.array([intents[int(i)] is not None for i in idx])
    for start in range(0, len(idx), _CHUNK):
        sims = mat[start : start + _CHUNK] @ mat.T
        for row in range(sims.shape[0]):
            near = sims[row] >= STOCK_SIMILARITY
            spread[idx[start + row]] = len(set(intent_code[near & placed].tolist()))
            relevance[idx[start + row]] = float(rel[near].mean())
    return spread, relevance


def _unit_mean(vectors: np.ndarray) -> np.ndarray:
    mean = np.asarray(vectors.mean(axis=0), dtype=np.float32)
    norm = float(np.linalg.norm(mean))
    return mean / norm if norm else mean


class _Union:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def group(
    items: Sequence[FailedItem],
    requests: np.ndarray,
    answers: np.ndarray,
    *,
    min_size: int,
    request_merge: float,
    answer_merge: float,
) -> CauseGroups:
    """Pieces by (intent, mechanism), merged on evidence (module docstring); small groups become noise."""
    n = len(items)
    intent_of = _with_pseudo_intents(items, requests, request_merge)
    spread, relevance = reply_spread(answers, requests, intent_of)
    is_stock = (spread >= STOCK_SPREAD) & (relevance < STOCK_RELEVANCE)
    mechs = [
        it.mechanism.stock() if it.mechanism.kind == "reply" and is_stock[j] else it.mechanism
        for j, it in enumerate(items)
    ]
    pieces: dict[tuple[str, tuple[str, str, str]], list[int]] = {}
    for j in range(n):
        pieces.setdefault((intent_of[j], mechs[j].key), []).append(j)
    keys = sorted(pieces)
    members = [pieces[k] for k in keys]
    ans_c = np.stack([_unit_mean(answers[m]) for m in members]) if members else np.zeros((0, 0))
    # Within an intent the rules are about one need, so pairs join directly.
    union = _Union(len(keys))
    for a in range(len(keys)):
        for b in range(a + 1, len(keys)):
            (intent_a, mech_a), (intent_b, mech_b) = keys[a], keys[b]
            if intent_a != intent_b:
                continue
            replies = mech_a[0] == "reply" and mech_b[0] == "reply"
            answers_alike = float(ans_c[a] @ ans_c[b]) >= answer_merge
            if replies or answers_alike or _co_fired(items, members[a], members[b], mech_a, mech_b):
                union.join(a, b)
    joined: dict[int, list[int]] = {}
    for p in range(len(keys)):
        joined.setdefault(union.find(p), []).append(p)
    groups = [[j for p in ps for j in members[p]] for ps in joined.values()]
    group_mechs = [_naming_mechanism([mechs[j] for j in g], [items[j].steps for j in g]) for g in groups]
    group_stock = [bool(np.mean(is_stock[g]) >= 0.5) for g in groups]
    roots = _agglomerate(groups, group_mechs, group_stock, requests, answers, request_merge, answer_merge)
    labels = np.full(n, NOISE, dtype=int)
    names: dict[int, Mechanism] = {}
    ordered = sorted(roots, key=lambda m: (-len(m), min(m)))
    next_label = 0
    for m in ordered:
        if len(m) < min_size:
            continue
        labels[m] = next_label
        names[next_label] = _naming_mechanism([mechs[j] for j in m], [items[j].steps for j in m])
        next_label += 1
    return CauseGroups(labels=labels, mechanisms=names, spread=spread, item_mechanisms=tuple(mechs))


def _cos(a: np.ndarray, b: np.ndarray) -> float:
    na, nb = float(np.linalg.norm(a)), float(np.linalg.norm(b))
    return float(a @ b) / (na * nb) if na and nb else 0.0


def _agglomerate(
    groups: list[list[int]],
    mechs: list[Mechanism],
    stock: list[bool],
    requests: np.ndarray,
    answers: np.ndarray,
    request_merge: float,
    answer_merge: float,
) -> list[list[int]]:
    """Across intents: merge the most alike pair of groups with compatible mechanisms while their requests
    are ≥ `request_merge` alike by average linkage (mean pairwise similarity over all members, recomputed
    after each merge, so no chain of weak links joins two unrelated needs) or their non-stock replies'
    centroids are ≥ `answer_merge` alike."""
    groups = [list(g) for g in groups]
    req_sum = [requests[g].sum(axis=0) for g in groups]
    ans_sum = [answers[g].sum(axis=0) for g in groups]
    alive = list(range(len(groups)))
    while len(alive) > 1:
        best: tuple[float, int, int] | None = None
        for x in range(len(alive)):
            for y in range(x + 1, len(alive)):
                a, b = alive[x], alive[y]
                ma, mb = mechs[a], mechs[b]
                replies = ma.kind == mb.kind == "reply" and not (stock[a] or stock[b])
                if ma.key != mb.key and not replies:
                    continue
                size = len(groups[a]) * len(groups[b])
                req = float(req_sum[a] @ req_sum[b]) / size
                # replies by centroid: a templated reply's variants average to one direction
                ans = _cos(ans_sum[a], ans_sum[b]) if not (stock[a] or stock[b]) else -1.0
                margin = max(req - request_merge, ans - answer_merge, 0.0 if one_step(ma, mb) else -1.0)
                if margin >= 0 and (best is None or margin > best[0]):
                    best = (margin, a, b)
        if best is None:
            break
        _, a, b = best
        groups[a].extend(groups[b])
        req_sum[a] = req_sum[a] + req_sum[b]
        ans_sum[a] = ans_sum[a] + ans_sum[b]
        stock[a] = stock[a] and stock[b]
        mechs[a] = mechs[a] if len(groups[a]) - len(groups[b]) >= len(groups[b]) else mechs[b]
        alive.remove(b)
    return [groups[i] for i in alive]


def one_step(a: Mechanism, b: Mechanism) -> bool:
    """The same failing tool step: one check on one tool, or one class of error from one tool. Whatever
    intents it serves, one fix (that tool's description, or the rule about it) covers it."""
    if a.key != b.key or a.kind not in ("signal", "tool_error") or not a.tool:
        return False
    return a.kind == "signal" or a.detail == b.detail


def _with_pseudo_intents(items: Sequence[FailedItem], requests: np.ndarray, floor: float) -> list[str]:
    """Each item's intent; items no intent took get one per group of requests at least `floor` alike
    (connected components), so unplaced failures are not lumped together by their mechanism alone."""
    out = [str(it.intent) if it.intent is not None else "" for it in items]
    loose = [j for j, it in enumerate(items) if it.intent is None]
    if not loose:
        return out
    union = _Union(len(loose))
    sims = requests[loose] @ requests[loose].T
    for a, b in zip(*np.nonzero(np.triu(sims >= floor, k=1)), strict=True):
        union.join(int(a), int(b))
    for pos, j in enumerate(loose):
        out[j] = f"unplaced:{union.find(pos)}"
    return out


def _co_fired(
    items: Sequence[FailedItem],
    a: Sequence[int],
    b: Sequence[int],
    key_a: tuple[str, str, str],
    key_b: tuple[str, str, str],
) -> bool:
    """Most members of one piece also carry the other piece's failing step (and it names a tool)."""
    if key_a[0] == "reply" or key_b[0] == "reply":
        return False
    share_a = sum(key_b in items[j].steps for j in a) / len(a)
    share_b = sum(key_a in items[j].steps for j in b) / len(b)
    return max(share_a, share_b) >= CO_FIRED_SHARE


def _naming_mechanism(
    mechs: Sequence[Mechanism], steps: Sequence[frozenset[tuple[str, str, str]]] = ()
) -> Mechanism:
    """The mechanism most members fail by — their own, or a tool step among their failing steps (`steps`):
    "claimed not done: send_certificate" names a group where some also saw the tool error first — the
    more specific one on a tie."""
    counts: Counter[tuple[str, str, str]] = Counter()
    for j, m in enumerate(mechs):
        counts.update({m.key, *(steps[j] if steps else ())})
    by_key = {m.key: m for m in mechs}
    for kind, name, tool in counts:
        if (kind, name, tool) not in by_key:
            by_key[(kind, name, tool)] = Mechanism(kind, name, tool or None)  # type: ignore[arg-type]
    key = min(counts, key=lambda k: (-counts[k], -by_key[k].specificity, k))
    details = Counter(m.detail for m in mechs if m.key == key and m.detail)
    best = by_key[key]
    detail = min(details, key=lambda d: (-details[d], d)) if details else best.detail
    return Mechanism(best.kind, best.name, best.tool, detail)


def same_family(a: Mechanism, b: Mechanism) -> bool:
    """One way of failing: the same failing step, or both a (non-stock) reply with no tool step."""
    if a.key == b.key:
        return True
    return a.kind == b.kind == "reply" and "stock" not in (a.name, b.name)


def fails_by(mech: Mechanism, steps: frozenset[tuple[str, str, str]], name: Mechanism) -> bool:
    """A member fails the way the cause is named: its own mechanism is of that family, or the named tool
    step is among its failing steps (a success claimed after `send_certificate` failed fails by both)."""
    return same_family(mech, name) or (name.kind != "reply" and name.key in steps)


def coherence(
    mechs: Sequence[Mechanism], name: Mechanism, steps: Sequence[frozenset[tuple[str, str, str]]] = ()
) -> float:
    """Share of members that failed the way the cause is named (`fails_by`)."""
    if not mechs:
        return 0.0
    steps = steps or [frozenset()] * len(mechs)
    return sum(fails_by(m, st, name) for m, st in zip(mechs, steps, strict=True)) / len(mechs)
