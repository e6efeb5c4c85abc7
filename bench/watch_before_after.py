"""The watch on a held-back before/after corpus: does it say "regressed", name the intent, open a revert?

`bench/corpora/watch_before_after` (written by someone who has not seen the watch) is a telecom bot two
weeks on prompt v1, then two weeks on v2: v2 fixes one cause and breaks a healthy intent, while the intent
mix shifts so the overall failure rate barely moves. This drives the real path end to end, as a user
would: a git repo with v1 and the first two weeks of exports, agentmend's own analysis of it, the change
to v2 opened for the cause agentmend found that overlaps the planted fixed cause most, merged by a person
at the corpus's merge time, the watch started (`--version v2`: the prompt files carry no version line), the
next two weeks of exports committed, and one evaluation when the window has closed.

Run: `make bench-watch` (after the simulations) or `python bench/watch_before_after.py [--keep DIR]`.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from agentmend.analysis.embed import SentenceEmbedder  # noqa: E402
from agentmend.fixes.branches import branch_for  # noqa: E402
from agentmend.fixes.change_text import marker  # noqa: E402
from agentmend.forges.local_git import LocalGitForge  # noqa: E402
from agentmend.loop import watch as service  # noqa: E402
from agentmend.loop.propose import analyze_forge_with_texts  # noqa: E402
from agentmend.repo_config import load_config  # noqa: E402
from agentmend.store.db import open_engine  # noqa: E402
from agentmend.watch.verdict import fmt  # noqa: E402
from bench.corpora.generate import generate  # noqa: E402
from bench.corpora.ground_truth import load_ground_truth  # noqa: E402


def git(root: Path, *args: str) -> None:
    env = {"GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "b@x", "GIT_COMMITTER_NAME": "bench",
           "GIT_COMMITTER_EMAIL": "b@x", "PATH": "/usr/bin:/bin"}  # fmt: skip
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument(
        "--keep", type=Path, default=None, help="work here and keep the repo (default: a temp dir)"
    )
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="agentmend-wba-"))
    started = time.time()
    corpus = generate("watch_before_after", work / "corpus", seed=args.seed)
    gt = load_ground_truth(corpus)
    assert gt.watch is not None, "watch_before_after has no watch truth"
    truth = gt.watch
    raw = json.loads((corpus / "ground_truth.json").read_text(encoding="utf-8"))
    merged_at = datetime.fromisoformat(raw["watch"]["merged_at"].replace("Z", "+00:00"))
    exports = sorted((corpus / "exports").glob("*.jsonl"))
    before_file, after_file = exports[0], exports[-1]

    repo = work / "repo"
    shutil.rmtree(repo, ignore_errors=True)
    for part in (".github", "agent"):
        shutil.copytree(corpus / part, repo / part)
    (repo / "prompts").mkdir()
    shutil.copy(corpus / "prompts" / "system.v1.md", repo / "prompts" / "system.md")
    (repo / "exports").mkdir()
    shutil.copy(before_file, repo / "exports" / before_file.name)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "agent on prompt v1 and its first two weeks of exports")

    config = load_config(repo)
    forge = LocalGitForge(repo)
    engine = open_engine(f"sqlite:///{work / 'state.db'}")
    embedder = SentenceEmbedder()
    report = analyze_forge_with_texts(forge, config, engine=engine, embedder=embedder, model=None).report
    planted = set(gt.of_cause(truth.fixed_cause))
    best = max(report.clusters, key=lambda c: len(planted & set(c.member_ids)), default=None)
    if best is None or not planted & set(best.member_ids):
        print(f"no cause found overlapping the planted fixed cause {truth.fixed_cause!r}: nothing to merge")
        return 1
    overlap = len(planted & set(best.member_ids))
    planted_before = planted & {r.id for r in report.conversations}
    print(
        f"analysis before the merge: {report.run.conversations} conversations, {len(report.clusters)} "
        f"causes, {len(report.intents)} intents. Fixed by the merge: cause '{best.name or best.label}' "
        f"({best.size} members, {overlap / best.size:.0%} of them the planted '{truth.fixed_cause}', "
        f"holding {overlap / max(1, len(planted_before)):.0%} of its conversations)"
    )

    v2 = (corpus / "prompts" / "system.md").read_text(encoding="utf-8")
    published = forge.open_or_update_change(
        branch_for(best), {"prompts/system.md": v2}, "Prompt v2",
        f"The fix for {best.label}\n\n{marker(best.id, report.run.id)}\n",
    )  # fmt: skip
    forge.merge(published.change)
    change = forge.get_change(published.change.branch)
    assert change is not None
    service.start_watch(forge, change, config, engine=engine, embedder=embedder, merged_at=merged_at,
                        merged_by="octocat", version=truth.after, report=report)  # fmt: skip

    shutil.copy(after_file, repo / "exports" / after_file.name)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "two weeks of exports on prompt v2")
    now = merged_at + timedelta(days=config.watch.window_days, hours=1)
    [status] = service.evaluate_watches(forge, config, engine=engine, embedder=embedder, now=now)
    v = status.verdict
    assert v is not None

    # which planted intent does each intent agentmend named hold, in the baseline?
    members: dict[str, Counter[str]] = {}
    for row in report.conversations:
        if row.intent_id is not None and row.id in gt.conversations:
            members.setdefault(row.intent_id, Counter())[gt.conversations[row.id].intent] += 1

    def planted_intent(key: str) -> tuple[str, float]:
        counts = members.get(key.removeprefix("intent:"), Counter())
        if not counts:
            return "?", 0.0
        top, count = counts.most_common(1)[0]
        return top, count / sum(counts.values())

    named = [m for m in v.metrics if m.worse and m.key.startswith("intent:")]
    print(
        f"\nverdict: {v.outcome} ({'final' if v.final else 'open'}; comparison {v.comparison}); "
        f"{v.n_before} before, {v.n_after} after, {v.unattributed} unattributed"
    )
    print(f"headline: {v.headline}")
    for m in named:
        top, share = planted_intent(m.key)
        print(
            f"  regressed intent {m.label}: {m.change_text()}; baseline members {share:.0%} planted '{top}'"
        )
    guards = sorted((m for m in v.metrics if m.key.startswith("intent:")), key=lambda m: -m.e_worse)
    print(f"  {len(guards)} intent guards ({sum(m.tested for m in guards)} tested); the strongest evidence:")
    for m in guards[:6]:
        top, share = planted_intent(m.key)
        print(
            f"    {m.label} {m.change_text()} (n {m.n_before}/{m.n_after}) e_worse={m.e_worse:.3g} "
            f"needs {1 / m.alpha_share:.3g}; baseline members {share:.0%} '{top}'"
        )
    for m in v.metrics:
        if m.adjusted and m.tested:
            raw = f"{fmt(m.raw_before, m.unit)} → {fmt(m.raw_after, m.unit)}"
            print(f"  mix held fixed: {m.label} {m.change_text()} (raw {raw})")
    target = v.target
    if target is not None:
        print(f"  target: {target.label} {target.change_text()} better={target.better}")
    hit = any(planted_intent(m.key)[0] == truth.regressed_intent for m in named)
    revert = status.revert
    opened = f"YES ({revert.branch}, mentions @octocat: {'@octocat' in revert.body})" if revert else "NO"
    print(
        f"\nbar: verdict regressed {'YES' if v.outcome == 'regressed' else 'NO'}; planted intent "
        f"'{truth.regressed_intent}' named {'YES' if hit else 'NO'}; revert opened {opened}; "
        f"{time.time() - started:.0f} s"
    )
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0 if v.outcome == "regressed" and hit and revert is not None else 1


if __name__ == "__main__":
    raise SystemExit(main())
