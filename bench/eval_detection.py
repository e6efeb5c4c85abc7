"""How well `failed` is detected: precision, recall and F1 with 95% intervals, vs the all-failed baseline.

    python bench/eval_detection.py [--eval-dir ../shared/eval] [--corpora polite_tools,greeting_support]
                                   [--embed] [--json OUT]

- tau2-airline (real τ²-bench logs, read as they are by the τ²-bench reader): the rules alone (`no labels`,
  the real measure: the reward is never shown to them), and the label path (`outcomes: metadata.reward < 1`,
  which is only a check of the plumbing). The agent's policy from the file is given as its system prompt.
- held-out corpora from bench/corpora (generated into a temporary directory, each with its own config and
  targets): once with the corpus's own config (its `outcomes:` labels decide where present; figures on the
  unlabelled part too) and once with `outcomes` removed (the rules alone).
Offline: no judge runs here.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from agentmend.analysis.calibration import Scores, score  # noqa: E402
from agentmend.analysis.detection import Targets, read_targets, run_detection  # noqa: E402
from agentmend.conversations.model import Conversation  # noqa: E402
from agentmend.conversations.readers import ExportFile, read_all  # noqa: E402
from agentmend.repo_config import RepoConfig, load_config, parse_config  # noqa: E402

EVAL_DIRS = (ROOT.parent / "shared" / "eval", Path("/work/shared/eval"))
DEFAULT_CORPORA = ("polite_tools", "greeting_support", "multilingual_shop")


@dataclass(frozen=True)
class Row:
    corpus: str
    mode: str
    scores: Scores
    baseline: Scores
    decided_by: dict[str, int]

    def line(self) -> str:
        s, b = self.scores, self.baseline
        (pl, ph), (rl, rh), (fl, fh) = s.precision_interval, s.recall_interval, s.f1_interval
        decided = ", ".join(f"{k} {v}" for k, v in sorted(self.decided_by.items()))
        return (
            f"| {self.corpus} | {self.mode} | {s.n} | {s.tp + s.fn} | "
            f"{s.precision:.2f} [{pl:.2f}, {ph:.2f}] | {s.recall:.2f} [{rl:.2f}, {rh:.2f}] | "
            f"{s.f1:.2f} [{fl:.2f}, {fh:.2f}] | {b.precision:.2f} / {b.f1:.2f} | {decided} |"
        )

    def as_dict(self) -> dict[str, Any]:
        s = self.scores
        return {
            "corpus": self.corpus,
            "mode": self.mode,
            "n": s.n,
            "failed": s.tp + s.fn,
            "precision": round(s.precision, 4),
            "precision_ci95": [round(x, 4) for x in s.precision_interval],
            "recall": round(s.recall, 4),
            "recall_ci95": [round(x, 4) for x in s.recall_interval],
            "f1": round(s.f1, 4),
            "f1_ci95": [round(x, 4) for x in s.f1_interval],
            "all_failed_precision": round(self.baseline.precision, 4),
            "all_failed_f1": round(self.baseline.f1, 4),
            "decided_by": self.decided_by,
        }


def _read(path: Path) -> list[Conversation]:
    files = [ExportFile(str(path), lambda: path.open("rb"))]
    return [c for c in read_all(files) if isinstance(c, Conversation)]


def _measure(
    corpus: str,
    mode: str,
    convs: list[Conversation],
    truth: dict[str, bool],
    config: RepoConfig,
    targets: Targets,
    vector_of: Any,
    only: set[str] | None = None,
) -> Row:
    d = run_detection(convs, config, vector_of=vector_of, targets=targets)
    pairs = [(o.failed, truth[o.conversation_id]) for o in d.outcomes if o.conversation_id in truth]
    if only is not None:
        pairs = [(p, t) for o, (p, t) in zip(d.outcomes, pairs, strict=False) if o.conversation_id in only]
    counts: dict[str, int] = {}
    for o in d.outcomes:
        if only is None or o.conversation_id in only:
            counts[o.decided_by] = counts.get(o.decided_by, 0) + 1
    return Row(
        corpus,
        mode,
        score([p for p, _ in pairs], [t for _, t in pairs]),
        score([True] * len(pairs), [t for _, t in pairs]),
        counts,
    )


def _vectors(convs: list[Conversation], embed: bool) -> Any:
    if not embed:
        return None
    from agentmend.analysis.embed import SentenceEmbedder, VectorLookup

    return VectorLookup(SentenceEmbedder(), [t.text for c in convs for t in c.user_turns if t.text])


def tau2(eval_dir: Path, embed: bool) -> list[Row]:
    path = eval_dir / "tau2-airline" / "simulations.json"
    convs = _read(path)
    raw = json.loads(path.read_text(encoding="utf-8"))
    policy = str(raw.get("info", {}).get("environment_info", {}).get("policy") or "")
    # The truth comes from the file itself, never through the reader's metadata, so the rules cannot see it.
    truth_by_sim = {str(s["id"]): float(s["reward_info"]["reward"]) < 1.0 for s in raw["simulations"]}
    truth = {c.id: truth_by_sim[k] for c in convs for k in truth_by_sim if c.id.endswith(k)}
    base = "version: 1\nexports: [{path: 'simulations.json'}]\n"
    targets = Targets(system_prompt=policy)
    vectors = _vectors(convs, embed)
    rules = _measure("tau2-airline", "rules (no labels)", convs, truth, parse_config(base), targets, vectors)
    labelled = parse_config(base + "outcomes: [{field: metadata.reward, failed_when: '< 1'}]\n")
    label = _measure("tau2-airline", "label path", convs, truth, labelled, targets, vectors)
    return [rules, label]


def corpus(name: str, embed: bool) -> list[Row]:
    from bench.corpora.generate import generate
    from bench.corpora.ground_truth import load_ground_truth

    with tempfile.TemporaryDirectory(prefix=f"agentmend-{name}-") as tmp:
        repo = generate(name, Path(tmp) / name)
        gt = load_ground_truth(repo)
        truth = {cid: t.failed for cid, t in gt.conversations.items()}
        config = load_config(repo)
        targets = read_targets(config, lambda p: (repo / p).read_bytes() if (repo / p).is_file() else None)
        files = []
        for export in config.exports:
            if export.path:
                for path in sorted(repo.glob(export.path)):
                    opener = lambda path=path: path.open("rb")  # noqa: E731
                    files.append(ExportFile(str(path.relative_to(repo)), opener, export.format))
        convs = [c for c in read_all(files) if isinstance(c, Conversation)]
        vectors = _vectors(convs, embed)
        rows = []
        no_labels = config.model_copy(update={"outcomes": []})
        rows.append(_measure(name, "rules (no labels)", convs, truth, no_labels, targets, vectors))
        if not config.outcomes and any("reward" in c.metadata for c in convs):
            # the export carries a reward on part of the conversations: declare it, as a team would
            spec = parse_config(
                "version: 1\nexports: [{path: x}]\noutcomes: [{field: metadata.reward, failed_when: '< 1'}]"
            )
            config = config.model_copy(update={"outcomes": spec.outcomes})
        if config.outcomes:
            from agentmend.analysis.outcome_labels import label_of

            unlabelled = {c.id for c in convs if label_of(c, config.outcomes) is None}
            rows.append(_measure(name, "labels declared", convs, truth, config, targets, vectors))
            part = "labels declared, unlabelled part"
            rows.append(_measure(name, part, convs, truth, config, targets, vectors, unlabelled))
        return rows


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--eval-dir", type=Path, default=None)
    p.add_argument("--corpora", default=",".join(DEFAULT_CORPORA))
    p.add_argument(
        "--embed", action="store_true", help="embed user turns for rephrasing, as the pipeline does"
    )
    p.add_argument("--json", type=Path, default=None)
    args = p.parse_args(argv)
    rows: list[Row] = []
    eval_dir = args.eval_dir or next((d for d in EVAL_DIRS if (d / "tau2-airline").is_dir()), None)
    if eval_dir is not None and (eval_dir / "tau2-airline" / "simulations.json").is_file():
        rows += tau2(eval_dir, args.embed)
    else:
        print("tau2-airline not found (pass --eval-dir); skipped", file=sys.stderr)
    for name in [n for n in args.corpora.split(",") if n]:
        try:
            rows += corpus(name, args.embed)
        except (ImportError, ValueError) as exc:
            print(f"{name}: not available ({exc}); skipped", file=sys.stderr)
    print(
        "| corpus | mode | n | failed | precision [95% CI] | recall [95% CI] | F1 [95% CI] "
        "| all-failed P / F1 | decided by |"
    )
    print("|---|---|---:|---:|---|---|---|---|---|")
    for row in rows:
        print(row.line())
    if args.json:
        args.json.write_text(json.dumps([r.as_dict() for r in rows], indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
