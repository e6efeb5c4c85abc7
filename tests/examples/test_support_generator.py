"""The bundled example's generator: deterministic, honest about what it planted, and in sync with the repo."""

from __future__ import annotations

import contextlib
import csv
import gzip
import io
import json
import re
from pathlib import Path

import generator
import pytest
from generator import COMMITTED, generate, load_ground_truth, write_ground_truth

from agentmend.repo_config import parse_config

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "support-agent"


def _read(path: Path) -> str:
    return gzip.decompress(path.read_bytes()).decode() if path.suffix == ".gz" else path.read_text()


def _files(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): _read(p) for p in sorted((root / "exports").rglob("*")) if p.is_file()
    }


def _raw_text(root: Path) -> str:
    return "\n".join(_files(root).values())


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    out = tmp_path_factory.mktemp("small")
    return out, generate(out, seed=3, conversations=300)


def test_the_same_seed_writes_the_same_bytes(tmp_path: Path) -> None:
    a = generate(tmp_path / "a", seed=11, conversations=120)
    b = generate(tmp_path / "b", seed=11, conversations=120)
    assert a == b
    files_a = {
        p.relative_to(tmp_path / "a"): p.read_bytes() for p in (tmp_path / "a").rglob("*") if p.is_file()
    }
    files_b = {
        p.relative_to(tmp_path / "b"): p.read_bytes() for p in (tmp_path / "b").rglob("*") if p.is_file()
    }
    assert files_a == files_b
    assert generate(tmp_path / "c", seed=12, conversations=120) != a


def test_committed_exports_are_exactly_what_the_generator_writes(tmp_path: Path) -> None:
    gt = generate(tmp_path, **COMMITTED)  # type: ignore[arg-type]
    assert _files(tmp_path) == _files(EXAMPLE), (
        "regenerate with: python examples/generator.py --out examples/support-agent"
    )
    assert load_ground_truth(EXAMPLE / "ground_truth.json") == gt


def test_every_planted_cause_has_its_share_and_a_clear_lift(small) -> None:  # type: ignore[no-untyped-def]
    _, gt = small
    total = len(gt.conversation_ids)
    assert total == 300
    failing = {c for ids in gt.causes.values() for c in ids} | set(gt.background)
    assert len(gt.causes) >= 5
    for cause, ids in gt.causes.items():
        assert len(ids) >= round(0.075 * total), cause
        intent = gt.intent_of(ids[0])
        assert intent is not None and set(ids) <= set(gt.intents[intent])
        intent_rate = len(set(gt.intents[intent]) & failing) / len(gt.intents[intent])
        assert intent_rate / (len(failing) / total) > 1.5, cause


def test_every_conversation_has_exactly_one_intent_and_healthy_intents_mostly_succeed(small) -> None:  # type: ignore[no-untyped-def]
    _, gt = small
    ids = gt.conversation_ids
    assert len(ids) == len(set(ids))
    cause_intents = {gt.intent_of(v[0]) for v in gt.causes.values()}
    healthy = [i for i in gt.intents if i not in cause_intents]
    assert len(healthy) >= 5
    for intent in healthy:
        failed = set(gt.intents[intent]) & set(gt.background)
        assert len(failed) <= 0.1 * len(gt.intents[intent])


def test_conversations_are_spread_over_the_three_formats_and_the_days(small) -> None:  # type: ignore[no-untyped-def]
    out, gt = small
    files = _files(out)
    assert {Path(f).parts[1] for f in files} == {"openai", "anthropic", "csv"}
    assert any(f.endswith(".jsonl.gz") for f in files) and any(f.endswith(".csv") for f in files)
    text = "\n".join(files.values())
    days = {d for d in range(1, 22) if f"2026-10-{d:02d}T" in text}
    assert len(days) >= 18
    assert '"is_error":true' in text and '"tool_calls":' in text and '"type":"tool_use"' in text


def test_every_planted_pii_string_is_in_the_raw_exports(small) -> None:  # type: ignore[no-untyped-def]
    out, gt = small
    text = _raw_text(out)
    assert len(gt.pii) >= 20
    for value in gt.pii:
        assert value in text, value
    kinds = {
        "email": [v for v in gt.pii if "@" in v],
        "key": [v for v in gt.pii if v.startswith("sk-live-")],
        "phone": [v for v in gt.pii if v.startswith("+1 ")],
        "card": [v for v in gt.pii if re.fullmatch(r"\d{4}( \d{4}){3}", v)],
        "ip": [v for v in gt.pii if re.fullmatch(r"\d{1,3}(\.\d{1,3}){3}", v)],
    }
    assert all(kinds.values()), {k: len(v) for k, v in kinds.items()}
    assert sum(len(v) for v in kinds.values()) == len(gt.pii)
    assert all(_luhn_ok(card.replace(" ", "")) for card in kinds["card"])


def _luhn_ok(number: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def test_malformed_lines_are_exactly_where_the_ground_truth_says(small) -> None:  # type: ignore[no-untyped-def]
    out, gt = small
    assert len(gt.malformed) >= 4
    planted = set(gt.malformed)
    for rel, text in _files(out).items():
        lines = text.rstrip("\n").split("\n")
        for n, line in enumerate(lines, start=1):
            bad = (rel, n) in planted
            if rel.endswith(".csv"):
                if n == 1:
                    continue
                row = next(csv.reader(io.StringIO(line)))
                ok = len(row) == 5 and row[1] in {"user", "assistant", "tool", "system"} and row[2] != ""
            else:
                try:
                    rec = json.loads(line)
                    ok = all(m["role"] in {"user", "assistant", "tool"} for m in rec["messages"])
                except (json.JSONDecodeError, KeyError):
                    ok = False
            assert ok != bad, f"{rel}:{n}: {'planted but valid' if bad else 'malformed but not planted'}"


def test_holdout_uses_only_wording_the_default_never_uses(tmp_path: Path) -> None:
    train = generate(tmp_path / "t", seed=5, conversations=200)
    held = generate(tmp_path / "h", seed=5, conversations=200, holdout=True)
    openers_train = _openers(tmp_path / "t")
    openers_held = _openers(tmp_path / "h")
    assert train.causes.keys() == held.causes.keys()
    # same intents, but the requests are phrased differently
    assert len(openers_train & openers_held) < 0.05 * len(openers_held)


def _openers(root: Path) -> set[str]:
    out = set()
    for rel, text in _files(root).items():
        if rel.endswith(".jsonl") and "openai" in rel:
            for line in text.splitlines():
                with contextlib.suppress(json.JSONDecodeError, KeyError):
                    out.add(json.loads(line)["messages"][0]["content"].lower().strip(" .!?"))
    return out


def test_a_fixed_cause_and_a_regressed_intent_show_up_in_a_later_period(tmp_path: Path) -> None:
    gt = generate(
        tmp_path,
        seed=7,
        conversations=300,
        id_prefix="d",
        prompt_version="v15",
        cause_rates={"csv_export_refused": 0.0},
        intent_failure={"invite_teammates": 0.5},
    )
    assert gt.causes["csv_export_refused"] == []
    regressed = gt.causes["invite_teammates_regression"]
    assert len(regressed) == round(0.5 * len(gt.intents["invite_teammates"]))
    assert all(c.startswith("d") for c in gt.conversation_ids)
    assert '"prompt_version":"v15"' in _raw_text(tmp_path)


def test_escalation_shift_turns_handoffs_into_users_who_leave(tmp_path: Path) -> None:
    base = _raw_text_of(tmp_path / "a", escalation_shift=0.0)
    hacked = _raw_text_of(tmp_path / "b", escalation_shift=-0.8, abandonment_shift=0.2)
    assert hacked.count("escalate_to_human") < 0.5 * base.count("escalate_to_human")


def _raw_text_of(out: Path, **kw: float) -> str:
    gt = generate(out, seed=2, conversations=300, **kw)  # type: ignore[arg-type]
    if kw.get("abandonment_shift"):
        assert len(gt.causes["abandoned_midway"]) > 0
    return _raw_text(out)


def test_unknown_options_are_refused_with_the_allowed_names(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="sso_setup_vague"):
        generate(tmp_path, cause_rates={"nope": 0.1})
    with pytest.raises(ValueError, match="invite_teammates"):
        generate(tmp_path, intent_failure={"sso_setup": 0.1})
    with pytest.raises(ValueError, match="formats"):
        generate(tmp_path, formats=("xml",))


def test_ground_truth_round_trips(small, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _, gt = small
    write_ground_truth(gt, tmp_path / "gt.json")
    assert load_ground_truth(tmp_path / "gt.json") == gt


def test_the_example_config_parses() -> None:
    config = parse_config((EXAMPLE / ".github/agentmend.yml").read_text(), ".github/agentmend.yml")
    assert [t.path for t in config.targets] == ["prompts/system.md", "agent/tools.yaml", "agent/routing.yaml"]
    for target in config.targets:
        assert (EXAMPLE / target.path).is_file()
    assert config.privacy.min_unique_users == 3


def test_scoring_names_the_cluster_that_holds_each_cause_and_flags_shared_ones(small) -> None:  # type: ignore[no-untyped-def]
    _, gt = small
    sso, refund = gt.causes["sso_setup_vague"], gt.causes["annual_refund_tool_error"]
    healthy = gt.intents["dark_mode"][:5]
    clusters = {"k1": sso[:-2] + healthy, "k2": refund + gt.causes["csv_export_refused"], "k3": sso[-2:]}
    scores = generator.score_causes(gt, clusters)
    assert scores["sso_setup_vague"].cluster_id == "k1"
    assert scores["sso_setup_vague"].recall == (len(sso) - 2) / len(sso)
    assert scores["sso_setup_vague"].purity == (len(sso) - 2) / (len(sso) - 2 + 5)
    assert scores["annual_refund_tool_error"].shared and scores["csv_export_refused"].shared
    assert not scores["sso_setup_vague"].shared
    assert scores["password_reset_loop"].cluster_id is None and scores["password_reset_loop"].recall == 0.0


@pytest.mark.parametrize("domain", ["lumen", "wayfare"])
def test_every_intent_has_many_openers_and_some_held_back(domain: str) -> None:
    import travel_generator

    openers = (generator.LUMEN if domain == "lumen" else travel_generator.WAYFARE).openers
    for intent, options in openers.items():
        held = [o for i, o in enumerate(options) if i % 4 == 3]
        assert len(options) - len(held) >= 8 and len(held) >= 3, intent
        assert len(set(options)) == len(options), intent


def test_conversations_are_multi_turn_and_users_come_back(small) -> None:  # type: ignore[no-untyped-def]
    out, _ = small
    lengths: list[int] = []
    users: dict[str, int] = {}
    for rel, text in _files(out).items():
        if rel.endswith(".jsonl"):
            for line in text.splitlines():
                with contextlib.suppress(json.JSONDecodeError, KeyError):
                    rec = json.loads(line)
                    lengths.append(sum(m["role"] in ("user", "assistant") for m in rec["messages"]))
                    users[rec["user_id"]] = users.get(rec["user_id"], 0) + 1
    assert min(lengths) >= 2 and max(lengths) >= 7
    assert len(set(lengths)) >= 5
    assert sum(n > 1 for n in users.values()) >= 10
