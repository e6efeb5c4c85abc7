"""The second example (another domain, other export shapes): same contract as the Lumen generator."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
import travel_generator
from generator import load_ground_truth
from travel_generator import COMMITTED, generate

from agentmend.conversations.model import Conversation, Malformed
from agentmend.conversations.readers import read_all
from agentmend.conversations.sources import files_in_dir
from agentmend.repo_config import load_config, parse_config

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "travel-agent"


def _files(root: Path) -> dict[str, str]:
    out = {}
    for p in sorted((root / "exports").rglob("*")):
        if p.is_file():
            data = p.read_bytes()
            out[p.relative_to(root).as_posix()] = (
                gzip.decompress(data) if p.suffix == ".gz" else data
            ).decode()
    return out


def _read(root: Path) -> list[Conversation | Malformed]:
    files = files_in_dir(root, load_config(root))
    on_disk = sorted(p.relative_to(root).as_posix() for p in (root / "exports").rglob("*") if p.is_file())
    assert sorted(f.name for f in files) == on_disk  # the config's globs see every export
    return list(read_all(files))


def test_committed_travel_exports_are_exactly_what_the_generator_writes(tmp_path: Path) -> None:
    gt = generate(tmp_path, **COMMITTED)  # type: ignore[arg-type]
    assert _files(tmp_path) == _files(EXAMPLE), (
        "regenerate: python examples/travel_generator.py --out examples/travel-agent"
    )
    assert load_ground_truth(EXAMPLE / "ground_truth.json") == gt


def test_the_travel_corpus_uses_other_shapes_and_other_causes() -> None:
    gt = load_ground_truth(EXAMPLE / "ground_truth.json")
    files = _files(EXAMPLE)
    assert {Path(f).name.split(".", 1)[1] for f in files} == {"json", "csv.gz", "jsonl.gz"}
    assert any('"conversation_id":' in t and '"created":17' in t for t in files.values())
    assert len(gt.causes) >= 4 and all(len(ids) >= 0.08 * 400 for ids in gt.causes.values())
    import generator

    assert not set(gt.causes) & set(generator.LUMEN.fail)
    assert not set(travel_generator.SEAT_OPEN) & set(generator.SSO_OPEN + generator.EXPORT_OPEN)


def test_reading_the_travel_example_reports_exactly_the_planted_malformed_lines() -> None:
    gt = load_ground_truth(EXAMPLE / "ground_truth.json")
    items = _read(EXAMPLE)
    assert sorted((m.file, m.line) for m in items if isinstance(m, Malformed)) == sorted(gt.malformed)
    convs = {c.id: c for c in items if isinstance(c, Conversation)}
    assert sorted(convs) == gt.conversation_ids
    helpdesk = [c for c in convs.values() if "helpdesk" in c.source]
    assert helpdesk and all(c.metadata.get("agent_version") == "2026.10-a" for c in helpdesk)
    cancel_errors = [convs[i] for i in gt.causes["cancellation_fee_tool_error"]]
    assert all(any(t.is_error for t in c.turns) for c in cancel_errors if "chat-api" not in c.source)
    text = "\n".join(_files(EXAMPLE).values())
    assert all(value in text for value in gt.pii)


def test_travel_config_parses_and_names_existing_targets() -> None:
    config = parse_config((EXAMPLE / ".github/agentmend.yml").read_text(), ".github/agentmend.yml")
    assert all((EXAMPLE / t.path).is_file() for t in config.targets)
    assert config.watch.version_key == "agent_version"


def test_travel_options_are_checked_like_the_lumen_ones(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="seat_selection_unavailable"):
        generate(tmp_path, cause_rates={"sso_setup_vague": 0.0})
    gt = generate(
        tmp_path,
        conversations=150,
        cause_rates={"visa_question_refused": 0.0},
        intent_failure={"flight_status": 0.4},
        id_prefix="wf2-",
    )
    assert gt.causes["visa_question_refused"] == []
    assert gt.causes["flight_status_regression"]
