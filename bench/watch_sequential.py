"""Does the watch keep its promise under continuous monitoring? A/A and A/B simulations of counts.

Each simulated watch freezes a baseline of 3,000 conversations through `baseline.freeze_arm` (the entry
point the real `freeze` uses), then is evaluated 20 times as the after arm grows to 6,000, through the
project's own `verdict.judge` on `ArmSummary` counts (what the real watch builds from conversations).
The old fixed-horizon rule (`watch_fixed_horizon.py`) sees exactly the same counts.

Scenarios (8 intents at realistic rates; the target cause lives in one of them):
- A/A: nothing changes. Any "regressed" at any of the 20 looks is a false alarm.
- regression 4%→12%: one healthy intent (10% of traffic) gets worse; the target does not move.
- regression 4%→30%: the same intent much worse (the held-back scenario's size).
- improvement: the target cause halves, nothing else moves.
- mix shift: the per-intent rates stay, but the hardest intent's share doubles after the merge.

Conversations are simulated one by one (vectorised with numpy) and only their counts reach the watch.
Run: `make bench-watch` or `python bench/watch_sequential.py [--watches 1000] [--looks 20] [--seed 1]`.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import watch_fixed_horizon as fixed  # noqa: E402

from agentmend.repo_config import WatchConfig  # noqa: E402
from agentmend.watch.baseline import Anchors, Baseline, MergeUnderWatch, freeze_arm  # noqa: E402
from agentmend.watch.metrics import Anchor, ArmSummary, Tally  # noqa: E402
from agentmend.watch.verdict import judge  # noqa: E402

MERGED = datetime(2026, 11, 1, tzinfo=UTC)
CONFIG = WatchConfig(min_conversations=100, window_days=14, expected_reduction=0.5)
INTENTS = ("billing", "login", "export", "invite", "refund", "api", "sso", "delete")
SHARE = np.array([0.22, 0.18, 0.15, 0.10, 0.10, 0.09, 0.09, 0.07])
FAILED = np.array([0.10, 0.08, 0.30, 0.04, 0.15, 0.12, 0.20, 0.06])
TARGET = np.array([0.0, 0.0, 0.40, 0.0, 0.0, 0.0, 0.0, 0.0])  # share of a failure that is the target cause
ESCALATED = np.array([0.08, 0.05, 0.10, 0.03, 0.12, 0.04, 0.09, 0.05])
ABANDONED = np.array([0.06, 0.07, 0.08, 0.04, 0.06, 0.05, 0.07, 0.05])
NEGATIVE = np.array([0.03, 0.02, 0.06, 0.02, 0.05, 0.03, 0.04, 0.02])
TURNS = np.array([3.0, 2.5, 4.0, 2.0, 3.5, 5.0, 4.5, 2.5])  # mean extra turns beyond 2 (Poisson)
CHUNK = 100
FIELDS = ("n", "failed", "target", "escalated", "abandoned", "negative_feedback", "turns_sum", "turns_sq")


@dataclass(frozen=True)
class World:
    share: np.ndarray = field(default_factory=lambda: SHARE)
    failed: np.ndarray = field(default_factory=lambda: FAILED)
    target: np.ndarray = field(default_factory=lambda: TARGET)


def simulate(rng: np.random.Generator, world: World, watches: int, looks: int, per_look: int) -> np.ndarray:
    """Counts per (watch, look, intent, field) of the conversations that arrived in each look."""
    k = len(INTENTS)
    intent = rng.choice(k, size=(watches, looks, per_look), p=world.share / world.share.sum())
    u = rng.random((5, watches, looks, per_look))
    failed = u[0] < world.failed[intent]
    target = failed & (u[1] < world.target[intent])
    extra = rng.poisson(TURNS[intent])
    turns = 2 + extra
    flags = (
        np.ones_like(failed), failed, target, u[2] < ESCALATED[intent], u[3] < ABANDONED[intent],
        u[4] < NEGATIVE[intent], turns, turns * turns,
    )  # fmt: skip
    out = np.zeros((watches, looks, k, len(FIELDS)), dtype=np.int64)
    for j, values in enumerate(flags):
        one_hot = intent[..., None] == np.arange(k)
        out[..., j] = (one_hot * values[..., None]).sum(axis=2)
    return out


def arm_of(counts: np.ndarray) -> ArmSummary:
    """An ArmSummary from (intent, field) counts, as `metrics.summarize` would build it."""
    rows = counts.tolist()
    intents = {name: Tally.model_construct(**dict(zip(FIELDS, rows[i], strict=True))) for i, name in
               enumerate(INTENTS)}  # fmt: skip
    total = Tally.model_construct(**dict(zip(FIELDS, counts.sum(axis=0).tolist(), strict=True)))
    return ArmSummary.model_construct(total=total, turns={}, intents=intents, daily={}, unassigned=Tally())


def freeze(counts: np.ndarray) -> Baseline:
    anchors = tuple(Anchor(id=name, label=name, centroid=(float(i),)) for i, name in enumerate(INTENTS))
    merge = MergeUnderWatch("agentmend/export", "m" * 40, "p" * 40, MERGED, "octocat", "v2")
    causes = (Anchor(id="c-export", label="export refused", centroid=(0.0,)),)
    return freeze_arm(
        arm_of(counts), merge, Anchors(anchors, causes), cause_id="c-export", config=CONFIG, now=MERGED
    )


@dataclass
class Tallies:
    """Per rule and watch: the final outcome, and the after-arm size at the first look that said it."""

    outcomes: list[str] = field(default_factory=list)
    n_at: list[int] = field(default_factory=list)


def _record(t: Tallies, firsts: dict[str, int]) -> None:
    """Regressed wins (it ends the watch); else improved if it was ever claimed; else the last word."""
    for outcome in ("regressed", "regressed_at_close", "improved", "no_effect"):
        if outcome in firsts:
            t.outcomes.append(outcome)
            t.n_at.append(firsts[outcome])
            return
    t.outcomes.append("inconclusive")
    t.n_at.append(-1)


def run(
    world_after: World, *, watches: int, looks: int, per_look: int, seed: int, base_n: int
) -> dict[str, Tallies]:
    rng = np.random.default_rng(seed)
    result = {"sequential": Tallies(), "fixed": Tallies()}
    for start in range(0, watches, CHUNK):  # conversations are simulated a hundred watches at a time
        size = min(CHUNK, watches - start)
        before = simulate(rng, World(), size, 1, base_n)[:, 0]
        after = simulate(rng, world_after, size, looks, per_look).cumsum(axis=1)
        _watch(before, after, looks, result)
    return result


def _watch(before: np.ndarray, after: np.ndarray, looks: int, result: dict[str, Tallies]) -> None:
    window = timedelta(days=CONFIG.window_days)
    for w in range(len(before)):
        b = freeze(before[w])
        required = fixed.required_after(b, CONFIG)
        firsts: dict[str, dict[str, int]] = {"sequential": {}, "fixed": {}}
        for look in range(looks):
            now = MERGED + window * (look + 1) / looks
            arm = arm_of(after[w, look])
            if "regressed" not in firsts["sequential"]:
                outcome = judge(b, arm, CONFIG, now=now, intervals=False).outcome
                firsts["sequential"].setdefault(outcome, arm.n)
            if not {"regressed", "regressed_at_close"} & set(firsts["fixed"]):
                old = fixed.judge(b, arm, CONFIG, closed=look == looks - 1, required=required)
                firsts["fixed"].setdefault(old, arm.n)
        for rule, seen in firsts.items():
            _record(result[rule], seen)


def summary(t: Tallies, want: str) -> tuple[float, float | None]:
    hits = [n for o, n in zip(t.outcomes, t.n_at, strict=True) if o == want]
    share = len(hits) / len(t.outcomes)
    return share, float(np.median(hits)) if hits else None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--watches", type=int, default=1000)
    ap.add_argument("--looks", type=int, default=20)
    ap.add_argument("--per-look", type=int, default=300)
    ap.add_argument("--baseline", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    invite = INTENTS.index("invite")
    export = INTENTS.index("export")
    worse12, worse30 = FAILED.copy(), FAILED.copy()
    worse12[invite], worse30[invite] = 0.12, 0.30
    # the cause halved: its conversations (failed x share) half as many, the rest of the intent unchanged
    cause_rate = FAILED[export] * TARGET[export]
    halved_failed = FAILED.copy()
    halved_failed[export] = FAILED[export] - cause_rate / 2
    fixed_target = TARGET.copy()
    fixed_target[export] = (cause_rate / 2) / halved_failed[export]
    shifted = SHARE.copy()
    shifted[export] *= 2
    scenarios = [
        ("A/A (nothing changes)", World(), "regressed"),
        ("mix shift only (export share x2)", World(share=shifted), "regressed"),
        ("regression: intent 'invite' 4% → 12%", World(failed=worse12), "regressed"),
        ("regression: intent 'invite' 4% → 30%", World(failed=worse30), "regressed"),
        ("improvement: target cause halved", World(failed=halved_failed, target=fixed_target), "improved"),
    ]
    print(
        f"Watch simulation: {args.watches} watches per scenario, {args.looks} evaluations each, baseline "
        f"{args.baseline} conversations, +{args.per_look} per evaluation (to {args.looks * args.per_look}); "
        f"α = {CONFIG.alpha}, 8 intents, 13 guards.\n"
    )
    print("| scenario | rule | 'regressed' (a guard or the target worse) | 'improved' | target did not move "
          "by the end* | median conversations to the verdict |")  # fmt: skip
    print("|---|---|---:|---:|---:|---:|")
    started = time.time()
    for i, (name, world, want) in enumerate(scenarios):
        res = run(world, watches=args.watches, looks=args.looks, per_look=args.per_look,
                  seed=args.seed + i, base_n=args.baseline)  # fmt: skip
        for rule, label in (("sequential", "sequential (mSPRT, now)"), ("fixed", "fixed-horizon (old)")):
            t = res[rule]
            reg, reg_n = summary(t, "regressed")
            imp, imp_n = summary(t, "improved")
            none, _ = summary(t, "no_effect")
            at_close, _ = summary(t, "regressed_at_close")  # the old rule's name for "no effect"
            none += at_close
            med = reg_n if want == "regressed" else imp_n
            cells = [
                name,
                label,
                f"{reg:.1%}",
                f"{imp:.1%}",
                f"{none:.1%}",
                "–" if med is None else f"{med:,.0f}",
            ]
            print("| " + " | ".join(cells) + " |")
        sys.stdout.flush()
    print("\n* the sequential rule says 'no effect'; the old rule said 'regressed' and opened a revert.")
    print(
        f"{time.time() - started:.0f} s. 'regressed' in the A/A and mix-shift rows is the false-alarm rate "
        "over the whole window (goal ≤ 5%); in the regression rows it is the power; 'improved' in the last "
        "row is the power for the improvement."
    )


if __name__ == "__main__":
    main()
