"""Run agentmend's analysis on an example and score every planted cause against the ground truth.

    python examples/measure.py examples/support-agent
    python examples/measure.py examples/travel-agent
    python examples/measure.py --holdout examples/support-agent   # regenerate with held-back wording first

Purity: share of the best-matching failure cluster's members planted for that cause. Recall: share of the
planted conversations in that cluster. A cause whose best cluster is also another cause's is "shared".
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

from generator import COMMITTED, GroundTruth, load_ground_truth, score_causes


def measure(repo: Path, gt: GroundTruth, state_dir: Path) -> list[str]:
    """The analysis on `repo`, one line per planted cause; the embedding cache lives in `state_dir`."""
    from agentmend.analysis.embed import default_embedder
    from agentmend.analysis.pipeline import analyze_dir
    from agentmend.repo_config import load_config
    from agentmend.store.db import open_engine

    config = load_config(repo)
    engine = open_engine(f"sqlite:///{state_dir / 'state.db'}")
    report = analyze_dir(repo, config, engine=engine, embedder=default_embedder(), include_linked=False)
    engine.dispose()
    detected = {c.id for c in report.conversations if c.failed}
    planted = {cid for ids in gt.causes.values() for cid in ids}
    healthy = set(gt.conversation_ids) - planted - set(gt.background)
    lines = [
        f"{report.run.conversations} conversations, {report.run.failed} failed, "
        f"{len(report.run.malformed)} malformed, {len(report.clusters)} failure clusters, "
        f"{len(report.noise_ids)} noise; "
        f"healthy conversations flagged failed: {len(healthy & detected)}/{len(healthy)}"
    ]
    clusters = {c.id: c.member_ids for c in report.clusters}
    for cause, sc in score_causes(gt, clusters).items():
        found = len(set(gt.causes[cause]) & detected)
        lines.append(
            f"{cause:30s} planted {sc.planted:3d}  detected {found:3d}  cluster {sc.cluster_id or '-':16s} "
            f"size {sc.cluster_size:3d}  purity {sc.purity:.2f}  recall {sc.recall:.2f}"
            + ("  SHARED" if sc.shared else "")
        )
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("repo", type=Path, help="an example repo with .github/agentmend.yml and ground_truth.json")
    p.add_argument("--holdout", action="store_true", help="measure on freshly generated held-back wording")
    a = p.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        state = Path(tmp)
        repo = a.repo
        if a.holdout:
            import travel_generator
            from generator import generate

            gen, params = (
                (travel_generator.generate, travel_generator.COMMITTED)
                if "travel" in a.repo.name
                else (generate, COMMITTED)
            )
            repo = state / "repo"
            shutil.copytree(a.repo, repo, ignore=shutil.ignore_patterns("exports", "ground_truth.json"))
            gt = gen(repo, holdout=True, seed=params["seed"], conversations=params["conversations"])
        else:
            gt = load_ground_truth(repo / "ground_truth.json")
        print("\n".join(measure(repo, gt, state)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
