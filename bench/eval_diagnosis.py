"""Diagnosis against ground truth on every corpus we have: intents and failure causes, one table.

    python bench/eval_diagnosis.py [--only banking77,tau2,examples,corpora] [--seed 7]

- banking77 (real queries, ../shared/eval/banking77/test.csv): the intent step alone — ARI, NMI (noise
  counted as singletons), cluster count, noise share. Goal ARI ≥ 0.60, NMI ≥ 0.85, ≤ 100 clusters.
- tau2-airline (real agent logs, ../shared/eval/tau2-airline/simulations.json): are each cause's
  representatives failures (reward 0, read only here, never by the analysis)? does each cause name a
  mechanism?
- examples/support-agent and examples/travel-agent (committed exports; ground_truth.json there has
  causes{name:[ids]}, intents{name:[ids]}).
- bench/corpora corpora, generated at bench time by generators written blind to this code
  (greeting_support, polite_tools, multilingual_shop): per planted cause purity and recall of the cause
  holding most of it, whether it is its own cause and whether it got a proposal. Bar: every planted
  cause its own cause with purity ≥ 0.8 and recall ≥ 0.7 (goal 0.9), ≥ 4 of 5 causes proposed.

The data is read where it lies and never copied into the repository. Thresholds are not tuned here: a
corpus that misses the bar is reported as a weak spot.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from agentmend.analysis import cluster as clustering  # noqa: E402
from agentmend.analysis import request  # noqa: E402
from agentmend.analysis.embed import CachedEmbedder, Embedder, SentenceEmbedder  # noqa: E402
from agentmend.analysis.pipeline import analyze, analyze_dir  # noqa: E402
from agentmend.analysis.records import AnalysisReport  # noqa: E402
from agentmend.conversations.readers import ExportFile  # noqa: E402
from agentmend.repo_config import ClusteringConfig, RepoConfig, load_config  # noqa: E402
from agentmend.store.analysis_memory import SqlVectors, sql_memory  # noqa: E402
from agentmend.store.db import open_engine  # noqa: E402

# The eval data sits beside the project (../shared/eval), also from a worktree deeper down.
SHARED = (
    Path(os.environ["AGENTMEND_EVAL_DATA"])
    if os.environ.get("AGENTMEND_EVAL_DATA")
    else next((p / "shared" / "eval" for p in ROOT.parents if (p / "shared" / "eval").is_dir()), ROOT.parent)
)
CORPORA = ("greeting_support", "polite_tools", "multilingual_shop")
EXAMPLES = ("support-agent", "travel-agent")
PURITY_BAR, RECALL_BAR, GOAL = 0.8, 0.7, 0.9
DEFAULTS = RepoConfig.model_validate({"version": 1, "exports": [{"path": "*.json"}]})


@dataclass
class Row:
    corpus: str
    conversations: int = 0
    intents: str = ""
    causes: str = ""
    verdict: str = ""
    seconds: float = 0.0
    details: list[str] = field(default_factory=list)


def _scores(labels_true: Sequence[str], labels_pred: Sequence[int]) -> tuple[float, float]:
    pred = np.asarray(labels_pred)
    singleton = np.where(pred == clustering.NOISE, -(np.arange(len(pred)) + 1), pred)
    return adjusted_rand_score(labels_true, singleton), normalized_mutual_info_score(labels_true, singleton)


# ----------------------------------------------------------------------------------------------- banking77


def banking77(embedder: Embedder) -> Row:
    path = SHARED / "banking77" / "test.csv"
    row = Row("banking77 test")
    if not path.is_file():
        row.verdict = f"skipped: {path} not found"
        return row
    with path.open(newline="", encoding="utf-8") as fh:
        data = [(r["text"], r["category"]) for r in csv.DictReader(fh)]
    start = time.perf_counter()
    topics = [request.topic_from_turns([t]) for t, _ in data]
    vecs = embedder.encode(topics)
    result = clustering.intents(vecs, ClusteringConfig())
    ari, nmi = _scores([c for _, c in data], result.labels.tolist())
    k, noise = len(result.centroids), float(np.mean(result.labels == clustering.NOISE))
    row.conversations = len(data)
    row.intents = f"ARI {ari:.3f} NMI {nmi:.3f} k {k} (77) noise {noise:.1%}"
    met = ari >= 0.60 and nmi >= 0.85 and k <= 100
    row.verdict = "goal met" if met else "below goal (ARI ≥ 0.60, NMI ≥ 0.85, ≤ 100)"
    row.seconds = time.perf_counter() - start
    return row


# ------------------------------------------------------------------------------------ planted-cause scoring


def cause_figures(report: AnalysisReport, causes: Mapping[str, Sequence[str]]) -> dict[str, dict[str, Any]]:
    """Per planted cause: the cause holding most of it, its purity and recall, and its proposal."""
    out: dict[str, dict[str, Any]] = {}
    for name, ids in causes.items():
        planted = set(ids)
        if not report.clusters or not planted:
            out[name] = {"purity": 0.0, "recall": 0.0, "id": None, "proposed": False, "mechanism": ""}
            continue
        best = max(report.clusters, key=lambda c: (len(planted & set(c.member_ids)), -c.size))
        hit = len(planted & set(best.member_ids))
        out[name] = {
            "purity": hit / best.size,
            "recall": hit / len(planted),
            "id": best.id if hit else None,
            "proposed": bool(best.proposal and best.proposal.selected) if hit else False,
            "mechanism": best.mechanism,
            "label": best.label,
        }
    return out


def intent_scores(report: AnalysisReport, truth: Mapping[str, str]) -> tuple[float, float, int]:
    """ARI/NMI of the report's intents against the planted ones (conversations with no intent: singletons)."""
    ids = [c.id for c in report.conversations if c.id in truth]
    intent_of = {c.id: c.intent_id for c in report.conversations}
    codes: dict[str, int] = {}
    pred = [
        codes.setdefault(str(intent_of[i]), len(codes)) if intent_of[i] else clustering.NOISE for i in ids
    ]
    ari, nmi = _scores([truth[i] for i in ids], pred)
    return ari, nmi, len(report.intents)


def score_causes(row: Row, report: AnalysisReport, causes: Mapping[str, Sequence[str]]) -> None:
    figures = cause_figures(report, causes)
    owners = Counter(f["id"] for f in figures.values() if f["id"])
    own = sum(1 for f in figures.values() if f["id"] and owners[f["id"]] == 1)
    bar = sum(
        1
        for f in figures.values()
        if f["id"] and owners[f["id"]] == 1 and f["purity"] >= PURITY_BAR and f["recall"] >= RECALL_BAR
    )
    goal = sum(
        1 for f in figures.values() if f["purity"] >= GOAL and f["recall"] >= GOAL and owners[f["id"]] == 1
    )
    proposed = sum(1 for f in figures.values() if f["proposed"])
    n = len(causes)
    row.causes = (
        f"{len(report.clusters)} causes; own {own}/{n}, bar {bar}/{n}, goal {goal}/{n}, "
        f"proposed {proposed}/{n}"
    )
    row.verdict = "bar met" if bar == n and proposed >= min(4, n) else "below bar"
    for name, f in figures.items():
        row.details.append(
            f"  {name:40s} purity {f['purity']:.2f} recall {f['recall']:.2f} "
            f"{'proposed' if f['proposed'] else 'not proposed':12s} {f.get('label', '')[:60]}"
        )


def _engine(tmp: Path) -> Any:
    return open_engine(f"sqlite:///{tmp / 'state.db'}")


# ------------------------------------------------------------------------------------------------ examples


def example(name: str, embedder: Embedder, tmp: Path) -> Row:
    root = ROOT / "examples" / name
    truth = json.loads((root / "ground_truth.json").read_text())
    start = time.perf_counter()
    report = analyze_dir(
        root,
        load_config(root),
        memory=sql_memory(_engine(tmp)),
        embedder=embedder,
        repo_key=name
    )
    row = Row(f"examples/{name}", conversations=report.run.conversations)
    intent_truth = {i: k for k, ids in truth["intents"].items() for i in ids}
    ari, nmi, k = intent_scores(report, intent_truth)
    row.intents = f"ARI {ari:.2f} NMI {nmi:.2f} k {k} ({len(truth['intents'])})"
    score_causes(row, report, truth["causes"])
    row.seconds = time.perf_counter() - start
    return row


# ------------------------------------------------------------------------------------------------- corpora


def corpus(name: str, embedder: Embedder, tmp: Path, seed: int) -> Row:
    from bench.corpora.generate import generate

    out = tmp / name
    generate(name, out, seed=seed)
    truth = json.loads((out / "ground_truth.json").read_text())
    start = time.perf_counter()
    report = analyze_dir(
        out,
        load_config(out),
        memory=sql_memory(_engine(tmp)),
        embedder=embedder,
        repo_key=name
    )
    row = Row(name, conversations=report.run.conversations)
    convs = truth["conversations"]
    ari, nmi, k = intent_scores(report, {i: v["intent"] for i, v in convs.items()})
    row.intents = f"ARI {ari:.2f} NMI {nmi:.2f} k {k} ({len(truth['intents'])})"
    causes: dict[str, list[str]] = {c: [] for c in truth["causes"]}
    for cid, v in convs.items():
        if v.get("cause"):
            causes[v["cause"]].append(cid)
    score_causes(row, report, causes)
    row.seconds = time.perf_counter() - start
    return row


# ---------------------------------------------------------------------------------------------------- tau2


def tau2(embedder: Embedder, tmp: Path) -> Row:
    path = SHARED / "tau2-airline" / "simulations.json"
    row = Row("tau2-airline")
    if not path.is_file():
        row.verdict = f"skipped: {path} not found"
        return row
    start = time.perf_counter()
    export = ExportFile(name="tau2-airline/simulations.json", open=lambda: path.open("rb"))
    report = analyze([export], DEFAULTS, memory=sql_memory(_engine(tmp)), embedder=embedder, repo_key="tau2")
    sims = json.loads(path.read_text())["simulations"]
    reward = {str(s.get("id")): float((s.get("reward_info") or {}).get("reward", 0.0)) for s in sims}

    # The reader's ids may carry a prefix; match on the simulation id as a suffix.
    def failed_truth(cid: str) -> bool | None:
        for sid, r in reward.items():
            if cid == sid or cid.endswith(sid):
                return r < 1.0
        return None

    reps = [cid for c in report.clusters for cid in c.conversation_ids]
    truly = [failed_truth(cid) for cid in reps]
    known = [t for t in truly if t is not None]
    named = sum(1 for c in report.clusters if c.mechanism and c.mechanism_kind)
    row.conversations = report.run.conversations
    zero = sum(r < 1 for r in reward.values())
    row.intents = f"k {len(report.intents)}, {report.run.failed} flagged, {zero} reward-0"
    row.causes = (
        f"{len(report.clusters)} causes; representatives failed {sum(known)}/{len(known)}; "
        f"mechanism named {named}/{len(report.clusters)}"
    )
    row.verdict = "n=50: counts, not rates"
    for c in report.clusters:
        fails = [failed_truth(i) for i in c.conversation_ids]
        row.details.append(
            f"  {c.label[:60]:60s} size {c.size:3d} reps failed {sum(bool(f) for f in fails)}/{len(fails)} "
            f"{'proposed' if c.proposal and c.proposal.selected else 'not proposed'}"
        )
    row.seconds = time.perf_counter() - start
    return row


# ----------------------------------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--only", default="banking77,tau2,examples,corpora")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--corpora", default=",".join(CORPORA))
    args = p.parse_args(argv)
    only = set(args.only.split(","))
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="agentmend-eval-") as tmp_s:
        tmp = Path(tmp_s)
        base = SentenceEmbedder()
        embedder = CachedEmbedder(base, SqlVectors(_engine(tmp)))
        if "banking77" in only:
            rows.append(banking77(embedder))
        if "tau2" in only:
            rows.append(tau2(embedder, tmp))
        if "examples" in only:
            for name in EXAMPLES:
                sub = tmp / name
                sub.mkdir()
                rows.append(example(name, embedder, sub))
        if "corpora" in only:
            for name in args.corpora.split(","):
                rows.append(corpus(name, embedder, tmp, args.seed))
        shutil.rmtree(tmp, ignore_errors=True)
    print("| corpus | conversations | intents | causes | verdict | seconds |")
    print("|---|---:|---|---|---|---:|")
    for r in rows:
        print(
            f"| {r.corpus} | {r.conversations} | {r.intents} | {r.causes} | {r.verdict} | {r.seconds:.0f} |"
        )
    for r in rows:
        if r.details:
            print(f"\n{r.corpus}")
            print("\n".join(r.details))
    return 0


if __name__ == "__main__":
    sys.exit(main())
