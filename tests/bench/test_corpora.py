"""The held-out corpora generate, parse in their declared formats, and match their ground truth."""

from __future__ import annotations

import csv
import gzip
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from agentmend.repo_config import load_config  # noqa: E402
from bench.corpora.generate import CORPORA, generate  # noqa: E402
from bench.corpora.ground_truth import load_ground_truth  # noqa: E402

SMALL = {"polite_tools": 120, "greeting_support": 300, "multilingual_shop": 200, "watch_before_after": 600}


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return data.decode("utf-8")


def _exported(repo: Path) -> tuple[dict[str, int], set[tuple[str, int]]]:
    """Conversation ids with their turn counts, and the (file, line) of every record that does not parse."""
    ids: dict[str, int] = {}
    bad: set[tuple[str, int]] = set()
    for path in sorted((repo / "exports").rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(repo).as_posix()
        text = _read_text(path)
        if ".csv" in path.name:
            lines = text.splitlines(keepends=True)
            reader = csv.DictReader(lines)
            for row in reader:
                start = reader.line_num - sum(v.count("\n") for v in row.values() if v)
                if not row["conversation_id"] or not row["role"]:
                    bad.add((rel, start))
                    continue
                ids[row["conversation_id"]] = ids.get(row["conversation_id"], 0) + 1
            continue
        if path.name.endswith(".json"):
            for rec in json.loads(text)["conversations"]:
                assert rec["id"] not in ids, f"{rec['id']} exported twice"
                ids[rec["id"]] = len(rec["messages"])
            continue
        for i, line in enumerate(text.splitlines(), 1):
            try:
                rec = json.loads(line)
            except json.JSONDecodeError:
                bad.add((rel, i))
                continue
            if not isinstance(rec.get("messages"), list):
                bad.add((rel, i))
                continue
            assert rec["id"] not in ids, f"{rec['id']} exported twice"
            ids[rec["id"]] = len(rec["messages"])
    return ids, bad


@pytest.fixture(scope="module", params=[c for c in CORPORA if c in SMALL])
def corpus(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    name: str = request.param
    return name, generate(name, tmp_path_factory.mktemp(name), seed=3, n=SMALL[name])


def test_every_exported_conversation_has_ground_truth_and_vice_versa(corpus: tuple[str, Path]) -> None:
    name, repo = corpus
    gt = load_ground_truth(repo)
    ids, bad = _exported(repo)
    assert gt.corpus == name
    assert set(ids) == set(gt.conversations)
    assert bad == set(gt.malformed)
    assert all(n >= 2 for n in ids.values())


def test_ground_truth_plants_causes_on_failed_conversations(corpus: tuple[str, Path]) -> None:
    _, repo = corpus
    gt = load_ground_truth(repo)
    for cause in gt.causes:
        members = gt.of_cause(cause)
        assert members, f"cause {cause} has no conversation"
        assert all(gt.conversations[i].failed for i in members)
        assert {gt.conversations[i].intent for i in members} == {gt.causes[cause].intent}
    failed = gt.failed_ids()
    planted = [i for i in failed if gt.conversations[i].cause is not None]
    assert 0 < len(failed) < len(gt.conversations)
    assert len(planted) > len(failed) / 2


def test_the_repository_config_is_valid_and_its_targets_exist(corpus: tuple[str, Path]) -> None:
    _, repo = corpus
    cfg = load_config(repo)
    assert cfg.model.provider == "offline"
    for target in cfg.targets:
        assert (repo / target.path).is_file()
    assert "polic" in (repo / "prompts" / "system.md").read_text(encoding="utf-8").lower()


def test_same_seed_same_bytes_other_seed_other_data(tmp_path: Path) -> None:
    def digest(out: Path) -> dict[str, bytes]:
        return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}

    a = digest(generate("polite_tools", tmp_path / "a", seed=11, n=40))
    b = digest(generate("polite_tools", tmp_path / "b", seed=11, n=40))
    c = digest(generate("polite_tools", tmp_path / "c", seed=12, n=40))
    assert a == b
    assert a["ground_truth.json"] != c["ground_truth.json"]


def test_generate_refuses_to_overwrite_a_directory_it_did_not_write(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(ValueError, match="refusing"):
        generate("polite_tools", tmp_path, n=10)
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_multilingual_shop_has_every_cause_in_every_language(tmp_path: Path) -> None:
    gt = load_ground_truth(generate("multilingual_shop", tmp_path, seed=5, n=500))
    seen = {(c.language, c.cause) for c in gt.conversations.values() if c.cause}
    assert seen == {(lang, cause) for lang in ("en", "fr", "de", "es") for cause in gt.causes}


def test_watch_corpus_fixes_one_cause_and_regresses_one_intent_by_version(tmp_path: Path) -> None:
    repo = generate("watch_before_after", tmp_path, seed=5, n=3000)
    gt = load_ground_truth(repo)
    assert gt.watch is not None
    version: dict[str, str] = {}
    for path in (repo / "exports").glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            version[rec["id"]] = rec["metadata"][gt.watch.version_key]
    assert set(version.values()) == {gt.watch.before, gt.watch.after}

    def rate(ver: str, *, intent: str | None = None, cause: str | None = None) -> float:
        pool = [
            c
            for i, c in gt.conversations.items()
            if version[i] == ver and (intent is None or c.intent == intent)
        ]
        if cause is not None:
            pool = [
                c
                for i, c in gt.conversations.items()
                if version[i] == ver and c.intent == gt.causes[cause].intent
            ]
            return sum(c.cause == cause for c in pool) / len(pool)
        return sum(c.failed for c in pool) / len(pool)

    fixed, regressed = gt.watch.fixed_cause, gt.watch.regressed_intent
    assert rate(gt.watch.before, cause=fixed) > 0.25 > 0.08 > rate(gt.watch.after, cause=fixed)
    assert rate(gt.watch.before, intent=regressed) < 0.09
    assert rate(gt.watch.after, intent=regressed) > 0.22
