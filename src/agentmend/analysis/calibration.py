"""How far to trust the rules: their precision, recall and F1 against the export's own labels, with
intervals, and per signal how often it fires on failed versus succeeded conversations.

Precision and recall carry Wilson intervals (they are proportions); F1 is not, so its interval is a seeded
percentile bootstrap over the labelled conversations.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from agentmend.analysis.outcome_labels import Label
from agentmend.analysis.records import Outcome
from agentmend.conversations.model import Conversation
from agentmend.intervals import wilson_interval
from agentmend.repo_config import ALL_SIGNALS

Interval = tuple[float, float]


@dataclass(frozen=True)
class Scores:
    """A binary detector against labels."""

    tp: int
    fp: int
    fn: int
    tn: int
    f1_interval: Interval = (0.0, 1.0)

    @property
    def n(self) -> int:
        return self.tp + self.fp + self.fn + self.tn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        return f1(self.tp, self.fp, self.fn)

    @property
    def precision_interval(self) -> Interval:
        return wilson_interval(self.tp, self.tp + self.fp)

    @property
    def recall_interval(self) -> Interval:
        return wilson_interval(self.tp, self.tp + self.fn)


def f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def score(predicted: Sequence[bool], truth: Sequence[bool], seed: int = 0, resamples: int = 1000) -> Scores:
    pairs = list(zip(predicted, truth, strict=True))
    tp = sum(p and t for p, t in pairs)
    fp = sum(p and not t for p, t in pairs)
    fn = sum(t and not p for p, t in pairs)
    tn = len(pairs) - tp - fp - fn
    interval: Interval = (0.0, 1.0)
    if pairs:
        rng = random.Random(seed)
        values = []
        for _ in range(resamples):
            sample = [pairs[rng.randrange(len(pairs))] for _ in pairs]
            s_tp = sum(p and t for p, t in sample)
            s_fp = sum(p and not t for p, t in sample)
            s_fn = sum(t and not p for p, t in sample)
            values.append(f1(s_tp, s_fp, s_fn))
        values.sort()
        interval = (values[int(0.025 * resamples)], values[min(resamples - 1, int(0.975 * resamples))])
    return Scores(tp, fp, fn, tn, interval)


@dataclass(frozen=True)
class SignalRate:
    """How often one signal fired on labelled-failed versus labelled-succeeded conversations."""

    name: str
    on_failed: int
    failed: int
    on_succeeded: int
    succeeded: int

    @property
    def failed_rate(self) -> float:
        return self.on_failed / self.failed if self.failed else 0.0

    @property
    def succeeded_rate(self) -> float:
        return self.on_succeeded / self.succeeded if self.succeeded else 0.0

    @property
    def failed_interval(self) -> Interval:
        return wilson_interval(self.on_failed, self.failed)

    @property
    def succeeded_interval(self) -> Interval:
        return wilson_interval(self.on_succeeded, self.succeeded)


@dataclass(frozen=True)
class Calibration:
    labelled: int
    labelled_failed: int
    rules: Scores
    all_failed: Scores  # the baseline every detector has to beat
    signals: tuple[SignalRate, ...]


def calibrate(
    conversations: Sequence[Conversation], rules: Sequence[Outcome], labels: Mapping[str, Label]
) -> Calibration:
    """The rules' verdicts against the labels, on the labelled conversations only."""
    pairs = [(o, labels[c.id]) for c, o in zip(conversations, rules, strict=True) if c.id in labels]
    truth = [lab.failed for _, lab in pairs]
    failed_n = sum(truth)
    rates = []
    for name in ALL_SIGNALS:
        fired = [name in o.signal_names for o, _ in pairs]
        rates.append(
            SignalRate(
                name,
                sum(f and t for f, t in zip(fired, truth, strict=True)),
                failed_n,
                sum(f and not t for f, t in zip(fired, truth, strict=True)),
                len(truth) - failed_n,
            )
        )
    return Calibration(
        labelled=len(pairs),
        labelled_failed=failed_n,
        rules=score([o.failed for o, _ in pairs], truth),
        all_failed=score([True] * len(truth), truth),
        signals=tuple(rates),
    )
