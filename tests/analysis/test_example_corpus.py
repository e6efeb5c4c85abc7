"""The analysis on generated corpora, measured against what the generators planted.

Real model, real UMAP/HDBSCAN, real SQLite. Corpora are small (400/300 conversations) and built once.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import generator
import pytest
import travel_generator
from typer.testing import CliRunner

from agentmend.analysis.embed import CachedEmbedder, SentenceEmbedder
from agentmend.analysis.pipeline import analyze_dir
from agentmend.analysis.records import AnalysisReport
from agentmend.analysis.report import to_json, to_markdown
from agentmend.cli import app
from agentmend.repo_config import load_config
from agentmend.store.analysis_memory import SqlVectors, sql_memory
from agentmend.store.db import open_engine

pytestmark = pytest.mark.slow
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _repo(tmp: Path, example: str, make: Callable[[Path], Any]) -> tuple[Path, Any]:
    (tmp / ".github").mkdir(parents=True, exist_ok=True)
    shutil.copy(EXAMPLES / example / ".github" / "agentmend.yml", tmp / ".github" / "agentmend.yml")
    return tmp, make(tmp)


def _run(repo: Path, embedder: Any, db: str) -> AnalysisReport:
    engine = open_engine(db)
    return analyze_dir(
        repo, load_config(repo), memory=sql_memory(engine), embedder=embedder, repo_key="test/repo"
    )


def scores(report: AnalysisReport, causes: dict[str, list[str]]) -> dict[str, tuple[float, float, str]]:
    """Per planted cause: (purity, recall, id) of the failure cluster holding most of its conversations."""
    out = {}
    for cause, ids in causes.items():
        planted = set(ids)
        best = max(report.clusters, key=lambda c: len(planted & set(c.member_ids)))
        hit = len(planted & set(best.member_ids))
        out[cause] = (hit / best.size, hit / len(planted), best.id)
    return out


def _show(name: str, figures: dict[str, tuple[float, float, str]]) -> None:
    for cause, (p, r, cid) in figures.items():
        print(f"{name}: {cause:32s} purity {p:.2f} recall {r:.2f} ({cid})")


@pytest.fixture(scope="module")
def support(tmp_path_factory: pytest.TempPathFactory, embedder: SentenceEmbedder):  # type: ignore[no-untyped-def]
    tmp = tmp_path_factory.mktemp("support")
    repo, truth = _repo(tmp, "support-agent", lambda d: generator.generate(d, seed=7, conversations=400))
    db = f"sqlite:///{tmp / 'state.db'}"
    cached = CachedEmbedder(embedder, SqlVectors(open_engine(db)))
    first = _run(repo, cached, db)
    return repo, truth, db, cached, first


def test_every_planted_cause_is_recovered_as_its_own_failure_cluster(support) -> None:  # type: ignore[no-untyped-def]
    _, truth, _, _, report = support
    figures = scores(report, truth.causes)
    _show("support", figures)
    assert len({cid for _, _, cid in figures.values()}) == len(truth.causes), "two causes share a cluster"
    for cause, (purity, recall, _) in figures.items():
        assert purity >= 0.9, f"{cause}: purity {purity:.2f}"
        assert recall >= 0.9, f"{cause}: recall {recall:.2f}"


def test_rerun_gives_the_same_ids_and_embeds_nothing_new(support) -> None:  # type: ignore[no-untyped-def]
    repo, _, db, cached, first = support
    new_before = cached.new
    again = _run(repo, cached, db)
    assert cached.new == new_before
    assert again.run.embedded_new == 0 and again.run.embedded_cached > 0
    assert again.run.id == first.run.id
    assert [(c.id, c.slug, c.member_ids) for c in again.clusters] == [
        (c.id, c.slug, c.member_ids) for c in first.clusters
    ]
    assert [i.id for i in again.intents] == [i.id for i in first.intents]


def test_ten_percent_more_conversations_keep_the_ids_of_causes_that_still_exist(  # type: ignore[no-untyped-def]
    support, tmp_path: Path, embedder: SentenceEmbedder
) -> None:
    repo, truth, db, _, first = support
    grown = tmp_path / "grown"
    shutil.copytree(repo, grown, ignore=shutil.ignore_patterns("state.db*"))
    generator.generate(grown, seed=8, conversations=40, id_prefix="n", start=date(2026, 10, 22), days=3)
    later = _run(grown, CachedEmbedder(embedder, SqlVectors(open_engine(db))), db)
    assert later.run.conversations == first.run.conversations + 40
    before = {cause: cid for cause, (_, _, cid) in scores(first, truth.causes).items()}
    after = {cause: cid for cause, (_, _, cid) in scores(later, truth.causes).items()}
    assert after == before


def test_json_report_follows_the_contract_and_counts_malformed_lines(support) -> None:  # type: ignore[no-untyped-def]
    _, truth, _, _, report = support
    data = json.loads(json.dumps(to_json(report)))
    assert set(data) == {
        "run",
        "conversations",
        "intents",
        "clusters",
        "noise_ids",
        "detection",
        "intent_noise_ids",
    }
    assert {"diagnosis_path", "parts", "intent_noise"} <= set(data["run"])
    assert data["detection"]["decided_by"] == {"signals": len(data["conversations"])}
    assert {"decided_by", "signal_hits"} <= set(data["conversations"][0])
    assert {"id", "conversations", "failed", "malformed", "timings", "embedded"} <= set(data["run"])
    assert len(data["run"]["malformed"]) == len(truth.malformed) > 0
    assert {"file", "line", "reason"} == set(data["run"]["malformed"][0])
    assert {"id", "failed", "signals", "failing_turn", "intent_id"} <= set(data["conversations"][0])
    assert {"id", "label", "category", "size", "failure_rate", "daily"} <= set(data["intents"][0])
    cluster_keys = {"id", "label", "keywords", "size", "failure_rate", "lift", "drop_off", "signals"}
    cluster_keys |= {"conversation_ids", "examples", "slug", "intent_id", "unique_users", "daily"}
    for c in data["clusters"]:
        assert cluster_keys <= set(c) and "centroid" not in c
        assert len(c["conversation_ids"]) == 3 and c["examples"]
        if c["intent_id"] and c["proposal"]["selected"]:  # causes of no intent have no intent rate
            assert c["lift"] > 1.0, "a proposed cause fails more than the average intent"
        assert c["mechanism"]["label"] and c["mechanism"]["kind"] in {"signal", "tool_error", "reply"}
        assert set(c["proposal"]) == {"selected", "reason", "rank", "score"} and c["proposal"]["reason"]
    assert "centroid" not in json.dumps(data)
    noise = set(data["noise_ids"])
    clustered = {m for c in report.clusters for m in c.member_ids}
    failed = {c["id"] for c in data["conversations"] if c["failed"]}
    assert noise | clustered == failed and not noise & clustered, "every failed conversation is accounted for"


def test_examples_in_the_report_are_redacted(support) -> None:  # type: ignore[no-untyped-def]
    _, truth, _, _, report = support
    text = json.dumps(to_json(report)) + to_markdown(report)
    leaked = [p for p in truth.pii if p in text]
    assert not leaked


def test_markdown_report_has_causes_intents_and_a_chart(support) -> None:  # type: ignore[no-untyped-def]
    _, _, _, _, report = support
    md = to_markdown(report)
    assert "xychart-beta" in md and "## Failure causes" in md and "## Intents" in md
    assert all(f"`{c.id}`" in md for c in report.clusters)
    assert "## Malformed records" in md


def test_analyze_command_prints_the_causes_and_writes_both_reports(support, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    repo, _, db, _, first = support
    out_json, out_md = tmp_path / "r.json", tmp_path / "r.md"
    result = CliRunner().invoke(
        app,
        ["analyze", str(repo), "--db", db, "--json", str(out_json), "--markdown", str(out_md), "--no-links"],
    )
    assert result.exit_code == 0, result.output
    assert first.clusters[0].id in result.output
    assert "malformed" in result.output
    assert json.loads(out_json.read_text())["run"]["id"] == first.run.id
    assert "xychart-beta" in out_md.read_text()


class _NamingModel:
    """A model that can name clusters (the real-model path), recording what it was shown."""

    path = "fake:namer"

    def __init__(self) -> None:
        self.seen: list[tuple[str, ...]] = []

    def name_cluster(self, keywords: tuple[str, ...], examples: tuple[str, ...]) -> str | None:
        self.seen.append(keywords)
        return f"Named: {keywords[0]}"


def test_a_model_that_names_clusters_labels_them_and_says_so(support) -> None:  # type: ignore[no-untyped-def]
    repo, _, db, cached, first = support
    model = _NamingModel()
    report = analyze_dir(
        repo,
        load_config(repo),
        memory=sql_memory(open_engine(db)),
        embedder=cached,
        repo_key="test/repo",
        model=model,  # type: ignore[arg-type]
    )
    assert report.run.model_path == "fake:namer" and first.run.model_path == "offline"
    assert all(c.name and c.label == c.name for c in report.clusters)
    assert [c.id for c in report.clusters] == [c.id for c in first.clusters], "names do not change ids"
    assert all(c.name is None for c in first.clusters)


def test_held_back_phrasings_are_still_grouped_by_cause(  # type: ignore[no-untyped-def]
    tmp_path: Path, embedder: SentenceEmbedder
) -> None:
    repo, truth = _repo(
        tmp_path, "support-agent", lambda d: generator.generate(d, seed=11, conversations=300, holdout=True)
    )
    report = _run(repo, embedder, f"sqlite:///{tmp_path / 'state.db'}")
    figures = scores(report, truth.causes)
    _show("holdout", figures)
    for cause, (purity, recall, _) in figures.items():
        assert purity >= HOLDOUT_FLOOR and recall >= HOLDOUT_FLOOR, cause


def test_a_domain_it_was_not_tuned_on_is_grouped_by_cause(  # type: ignore[no-untyped-def]
    tmp_path: Path, embedder: SentenceEmbedder
) -> None:
    repo, truth = _repo(
        tmp_path, "travel-agent", lambda d: travel_generator.generate(d, seed=5, conversations=300)
    )
    report = _run(repo, embedder, f"sqlite:///{tmp_path / 'state.db'}")
    figures = scores(report, truth.causes)
    _show("travel", figures)
    for cause, (purity, recall, _) in figures.items():
        assert purity >= OTHER_DOMAIN_FLOOR and recall >= OTHER_DOMAIN_FLOOR, cause


HOLDOUT_FLOOR = 0.75  # measured: purity >= 0.92, recall >= 0.86 (seed 11, 300 conversations)
OTHER_DOMAIN_FLOOR = 0.8  # measured: purity >= 0.96, recall >= 0.96 (seed 5, 300 conversations)
