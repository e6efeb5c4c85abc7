"""Intent discovery on banking77: how well do embeddings → UMAP → HDBSCAN recover the 77 labelled intents?

Not part of `make test` (it takes minutes). Run: `make bench` or
`.venv/bin/python bench/intent_discovery.py [--split test] [--subset N] [--min-cluster-size K] ...`.
The data stays in `../shared/eval/banking77/` (relative to the project root); it is never copied here.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

from agentmend.analysis import cluster as clustering
from agentmend.analysis import labels
from agentmend.analysis.embed import SentenceEmbedder
from agentmend.repo_config import ClusteringConfig

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "eval" / "banking77"


def load(split: str, data: Path = DATA) -> tuple[list[str], list[str]]:
    path = data / f"{split}.csv"
    if not path.is_file():
        raise SystemExit(f"{path}: not found; banking77 is expected at ../shared/eval/banking77/")
    with path.open(newline="", encoding="utf-8") as fh:
        rows = [(r["text"], r["category"]) for r in csv.DictReader(fh)]
    return [t for t, _ in rows], [c for _, c in rows]


def stratified(texts: list[str], cats: list[str], n: int, seed: int = 0) -> tuple[list[str], list[str]]:
    """About n items with every category in proportion; deterministic for a seed."""
    by: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(cats):
        by[c].append(i)
    rng = random.Random(seed)
    share = n / len(texts)
    chosen: list[int] = []
    for c in sorted(by):
        idx = by[c][:]
        rng.shuffle(idx)
        chosen.extend(idx[: max(1, round(len(idx) * share))])
    chosen.sort()
    return [texts[i] for i in chosen], [cats[i] for i in chosen]


def evaluate(vectors: np.ndarray, truth: list[str], cfg: ClusteringConfig) -> dict[str, float]:
    start = time.perf_counter()
    result = clustering.intents(vectors, cfg)  # the analysis' own intent step (distinct, share, merge, noise)
    seconds = time.perf_counter() - start
    pred = result.labels
    # Noise counts as its own (wrong) cluster per point: each noise point is a singleton.
    singleton = np.where(pred == clustering.NOISE, -(np.arange(len(pred)) + 1), pred)
    clustered = pred != clustering.NOISE
    truth_arr = np.array(truth)
    any_c = bool(clustered.any())
    return {
        "ari": adjusted_rand_score(truth, singleton),
        "nmi": normalized_mutual_info_score(truth, singleton),
        "ari_clustered": adjusted_rand_score(truth_arr[clustered], pred[clustered]) if any_c else 0.0,
        "nmi_clustered": normalized_mutual_info_score(truth_arr[clustered], pred[clustered])
        if any_c
        else 0.0,
        "noise_share": float((~clustered).mean()),
        "clusters": float(len(result.centroids)),
        "cluster_seconds": seconds,
        "labels": pred,  # type: ignore[dict-item]
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--split", default="test", choices=["test", "train"])
    p.add_argument("--subset", type=int, default=0, help="stratified subset of about N queries (0: all)")
    p.add_argument("--min-cluster-size", type=int, default=None)
    p.add_argument("--min-samples", type=int, default=None)
    p.add_argument("--neighbors", type=int, default=None)
    p.add_argument("--components", type=int, default=None)
    p.add_argument("--selection", choices=["eom", "leaf"], default=None)
    p.add_argument("--show-labels", type=int, default=5, help="print the keyword labels of N clusters")
    args = p.parse_args(argv)

    texts, cats = load(args.split)
    if args.subset:
        texts, cats = stratified(texts, cats, args.subset)
    overrides = {
        k: v
        for k, v in {
            "min_cluster_size": args.min_cluster_size,
            "min_samples": args.min_samples,
            "umap_neighbors": args.neighbors,
            "umap_components": args.components,
            "cluster_selection": args.selection,
        }.items()
        if v is not None
    }
    cfg = ClusteringConfig(**overrides)

    t0 = time.perf_counter()
    embedder = SentenceEmbedder()
    t_load = time.perf_counter() - t0
    t1 = time.perf_counter()
    vectors = embedder.encode(texts)
    t_embed = time.perf_counter() - t1
    m = evaluate(vectors, cats, cfg)
    per_k = 1000 / len(texts)
    print(f"banking77 {args.split}: {len(texts)} queries, {len(set(cats))} labelled intents")
    print(f"config: {cfg.model_dump()}")
    print(f"ARI {m['ari']:.3f}  NMI {m['nmi']:.3f}  (noise as singletons)")
    print(f"ARI {m['ari_clustered']:.3f}  NMI {m['nmi_clustered']:.3f}  (clustered points only)")
    print(f"noise share {m['noise_share']:.1%}  clusters {int(m['clusters'])}")
    print(
        f"time per 1k queries: embed {t_embed * per_k:.1f}s + cluster {m['cluster_seconds'] * per_k:.1f}s "
        f"(model load {t_load:.1f}s once)"
    )
    pred = np.asarray(m["labels"])
    members: dict[int, list[str]] = defaultdict(list)
    for t, lab in zip(texts, pred, strict=True):
        if lab != clustering.NOISE:
            members[int(lab)].append(t)
    kws = labels.ctfidf_keywords(members)
    for k in sorted(members)[: args.show_labels]:
        print(f"  cluster {k} ({len(members[k])}): {labels.label_from(kws[k])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
