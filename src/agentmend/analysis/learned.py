"""A small learned detector: logistic regression over the rule hits and tool-call features, trained on the
export's labels, cross-validated and seeded. It scores the unlabelled conversations only when there are
enough labels of both kinds and its cross-validated F1 beats the rules' on the same conversations; the
report gives both figures either way.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from agentmend.analysis.actions.calls import is_write, pair_calls
from agentmend.analysis.calibration import Scores, score
from agentmend.analysis.outcome_labels import Label
from agentmend.analysis.records import Outcome
from agentmend.conversations.model import Conversation
from agentmend.repo_config import ALL_SIGNALS, ActionsConfig, DetectionConfig

FEATURES: tuple[str, ...] = (
    *(f"hit:{n}" for n in ALL_SIGNALS),
    "rules_failed",
    "log_turns",
    "log_user_turns",
    "log_tool_calls",
    "write_calls",
    "error_results",
    "ended_on_handoff",
)


def features(conv: Conversation, rule: Outcome, actions: ActionsConfig | None = None) -> list[float]:
    from agentmend.analysis.signals import handoff_turn

    actions = actions or ActionsConfig()
    names = [h.name for h in rule.signals]
    calls = pair_calls(conv)
    return [
        *(float(min(names.count(n), 3)) for n in ALL_SIGNALS),
        float(rule.failed),
        float(np.log1p(len(conv.turns))),
        float(np.log1p(len(conv.user_turns))),
        float(np.log1p(len(calls))),
        float(sum(is_write(c.name, actions) for c in calls)),
        float(sum(c.failed for c in calls)),
        float(handoff_turn(conv) is not None),
    ]


@dataclass(frozen=True)
class LearnedResult:
    """Cross-validated figures of the learned detector next to the rules', and its scores when used."""

    trained_on: int
    cv: Scores | None  # None when there were too few labels to train
    rules: Scores
    used: bool
    reason: str
    threshold: float = 0.5
    scores: Mapping[str, float] = field(default_factory=dict)  # unlabelled conversation id -> P(failed)


def fit_learned(
    conversations: Sequence[Conversation],
    rules: Sequence[Outcome],
    labels: Mapping[str, Label],
    cfg: DetectionConfig,
) -> LearnedResult:
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_predict
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    rows = [features(c, o) for c, o in zip(conversations, rules, strict=True)]
    lab_idx = [i for i, c in enumerate(conversations) if c.id in labels]
    y = np.array([labels[conversations[i].id].failed for i in lab_idx], dtype=bool)
    rule_scores = score([rules[i].failed for i in lab_idx], list(y))
    n_fail, n_ok = int(y.sum()), int((~y).sum())
    if min(n_fail, n_ok) < cfg.min_labels_per_class:
        return LearnedResult(
            len(lab_idx),
            None,
            rule_scores,
            False,
            f"needs {cfg.min_labels_per_class} labelled conversations of each kind "
            f"(has {n_fail} failed, {n_ok} succeeded)",
        )
    x = np.array([rows[i] for i in lab_idx], dtype=float)
    model = make_pipeline(
        StandardScaler(), LogisticRegression(class_weight="balanced", max_iter=2000, random_state=cfg.seed)
    )
    folds = StratifiedKFold(n_splits=min(cfg.cv_folds, n_fail, n_ok), shuffle=True, random_state=cfg.seed)
    predicted = cross_val_predict(model, x, y, cv=folds, method="predict_proba")[:, 1] >= 0.5
    cv = score(list(predicted), list(y), seed=cfg.seed)
    better = cv.f1 > rule_scores.f1
    unlabelled = [i for i, c in enumerate(conversations) if c.id not in labels]
    scores: dict[str, float] = {}
    if better and unlabelled:
        model.fit(x, y)
        probs = model.predict_proba(np.array([rows[i] for i in unlabelled], dtype=float))[:, 1]
        scores = {conversations[i].id: float(p) for i, p in zip(unlabelled, probs, strict=True)}
    reason = f"cross-validated F1 {cv.f1:.2f} vs rules {rule_scores.f1:.2f} on {len(lab_idx)} labelled: " + (
        "the learned detector scores the unlabelled conversations" if better else "the rules decide"
    )
    return LearnedResult(len(lab_idx), cv, rule_scores, better and bool(unlabelled), reason, 0.5, scores)
