"""Deterministic conversation exports for the bundled example agent "Lumen Support", with ground truth.

The corpus is synthetic but shaped like real exports (OpenAI JSONL, Anthropic JSONL gzipped, CSV one row
per turn) so the analysis can be measured against what was planted: which conversations fail for which
cause, which intent every conversation belongs to, every PII string, every malformed line.

    python examples/generator.py --out examples/support-agent --seed 7 --conversations 600
"""

# ruff: noqa: E501  -- phrasings are data; wrapping them mid-sentence would hide typos in review

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import random
import string
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

# --------------------------------------------------------------------------------------------------
# Ground truth
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GroundTruth:
    """What was planted. `causes` maps a planted failure cause to the conversations failing because of it."""

    causes: dict[str, list[str]]
    intents: dict[str, list[str]]
    pii: list[str]
    malformed: list[tuple[str, int]]
    background: list[str] = field(default_factory=list)  # generic failures (noise), not a planted cause
    params: dict[str, Any] = field(default_factory=dict)  # the generate() arguments that produced this

    def cause_of(self, conversation_id: str) -> str | None:
        return next((c for c, ids in self.causes.items() if conversation_id in ids), None)

    def intent_of(self, conversation_id: str) -> str | None:
        return next((i for i, ids in self.intents.items() if conversation_id in ids), None)

    @property
    def conversation_ids(self) -> list[str]:
        return sorted(cid for ids in self.intents.values() for cid in ids)


def write_ground_truth(gt: GroundTruth, path: Path) -> None:
    data = asdict(gt)
    data["malformed"] = [list(m) for m in gt.malformed]
    Path(path).write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def load_ground_truth(path: Path) -> GroundTruth:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return GroundTruth(
        causes={k: list(v) for k, v in data["causes"].items()},
        intents={k: list(v) for k, v in data["intents"].items()},
        pii=list(data["pii"]),
        malformed=[(str(f), int(n)) for f, n in data["malformed"]],
        background=list(data.get("background", [])),
        params=dict(data.get("params", {})),
    )


@dataclass(frozen=True)
class CauseScore:
    """How well one planted cause was recovered: by the cluster holding most of its conversations."""

    cause: str
    planted: int
    cluster_id: str | None
    cluster_size: int
    purity: float  # share of that cluster's members planted for this cause
    recall: float  # share of the planted conversations in that cluster
    shared: bool  # that cluster is also the best match of another cause: not recovered as its own


def score_causes(gt: GroundTruth, clusters: Mapping[str, Iterable[str]]) -> dict[str, CauseScore]:
    """Purity and recall of every planted cause (empty ones are skipped) against `cluster id -> member ids`."""
    members = {cid: set(ids) for cid, ids in clusters.items()}
    scores: dict[str, CauseScore] = {}
    for cause, ids in gt.causes.items():
        planted = set(ids)
        if not planted:
            continue
        best = max(sorted(members), key=lambda c: len(members[c] & planted), default=None)
        hit = len(members[best] & planted) if best is not None else 0
        if best is None or hit == 0:
            scores[cause] = CauseScore(cause, len(planted), None, 0, 0.0, 0.0, False)
            continue
        scores[cause] = CauseScore(
            cause, len(planted), best, len(members[best]), hit / len(members[best]), hit / len(planted), False
        )
    taken: dict[str, list[str]] = {}
    for sc in scores.values():
        if sc.cluster_id is not None:
            taken.setdefault(sc.cluster_id, []).append(sc.cause)
    return {
        c: CauseScore(**{**asdict(sc), "shared": len(taken.get(sc.cluster_id or "", [])) > 1})
        for c, sc in scores.items()
    }


# --------------------------------------------------------------------------------------------------
# Phrasing: held-back templates, typos, casing
# --------------------------------------------------------------------------------------------------


class Voice:
    """Picks phrasings. Every 4th template of a list is held back and used only when `holdout` is set,
    so the analysis can be measured on wording it was never tuned on."""

    def __init__(self, rng: random.Random, holdout: bool) -> None:
        self.rng = rng
        self.holdout = holdout

    def pick(self, options: Sequence[str]) -> str:
        if len(options) >= 4:
            pool = [o for i, o in enumerate(options) if (i % 4 == 3) == self.holdout]
        else:
            pool = list(options)
        return self.rng.choice(pool)

    def pick_other(self, options: Sequence[str], used: str) -> str:
        """A second phrasing from the same pool, different from the first when the pool allows."""
        for _ in range(8):
            choice = self.pick(options)
            if choice != used:
                return choice
        return choice

    def any(self, options: Sequence[T]) -> T:
        """For assistant text and glue, which need no hold-back."""
        return self.rng.choice(list(options))

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def user(self, text: str) -> str:
        """How people actually type: sometimes all lowercase, a typo, no final punctuation."""
        r = self.rng
        if r.random() < 0.18:
            text = _typo(text, r)
        if r.random() < 0.25:
            text = text.lower()
        if r.random() < 0.2:
            text = text.rstrip(".!?")
        return text


def _typo(text: str, r: random.Random) -> str:
    words = text.split(" ")
    candidates = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
    if not candidates:
        return text
    i = r.choice(candidates)
    w = words[i]
    j = r.randrange(1, len(w) - 2)
    words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
    return " ".join(words)


# --------------------------------------------------------------------------------------------------
# PII that real users paste into support chats
# --------------------------------------------------------------------------------------------------

FIRST = ["maria", "jon", "priya", "tom", "aiko", "lena", "omar", "sofia", "dev", "nora", "li", "ben"]
LAST = ["keller", "okafor", "shah", "nguyen", "berg", "rossi", "kim", "silva", "meyer", "haddad"]
DOMAINS = ["acme-corp.com", "brightlabs.io", "northwind.co", "fjordtech.no", "helio.dev", "quanta.org"]


def _luhn_card(r: random.Random) -> str:
    digits = [4] + [r.randrange(10) for _ in range(14)]
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 0:
            d *= 2
            d = d - 9 if d > 9 else d
        total += d
    digits.append((10 - total % 10) % 10)
    s = "".join(map(str, digits))
    return " ".join(s[i : i + 4] for i in range(0, 16, 4))


def make_pii(r: random.Random, kind: str) -> tuple[str, str]:
    """(the PII string, a sentence a user would write around it)."""
    if kind == "email":
        v = f"{r.choice(FIRST)}.{r.choice(LAST)}@{r.choice(DOMAINS)}"
        return v, r.choice([f"my email is {v}", f"the account is under {v}", f"you can reach me at {v}"])
    if kind == "phone":
        v = f"+1 {r.randrange(201, 989)} 555 {r.randrange(1000, 9999)}"
        return v, r.choice([f"call me on {v} if easier", f"my phone is {v}", f"phone: {v}"])
    if kind == "card":
        v = _luhn_card(r)
        return v, r.choice([f"the card on file is {v}", f"it was charged to {v}", f"card {v}"])
    if kind == "key":
        v = "sk-live-" + "".join(r.choice(string.ascii_letters + string.digits) for _ in range(24))
        return v, r.choice([f"our key is {v} if that helps", f"using api key {v}", f"key: {v}"])
    v = f"{r.choice([203, 198, 185, 91])}.{r.randrange(0, 255)}.{r.randrange(0, 255)}.{r.randrange(1, 254)}"
    return v, r.choice([f"we're calling from {v}", f"our server ip is {v}", f"requests come from {v}"])


# --------------------------------------------------------------------------------------------------
# A conversation being scripted
# --------------------------------------------------------------------------------------------------


@dataclass
class Msg:
    role: str  # user | assistant | tool
    text: str | None
    tool_name: str | None = None
    tool_args: dict[str, Any] | None = None
    call_id: str | None = None
    is_error: bool = False
    ts: datetime | None = None


@dataclass
class Script:
    """Messages plus feedback; scenario functions fill it in."""

    v: Voice
    msgs: list[Msg] = field(default_factory=list)
    feedback: list[dict[str, Any]] = field(default_factory=list)
    pii: list[str] = field(default_factory=list)
    handoff: tuple[str, str] = ("general", "the assistant could not complete the request")  # queue, reason
    topic: Sequence[str] = ()  # openers of the slot's intent, for generic scenarios (background, abandon)
    _calls: int = 0

    def user(self, text: str, *, raw: bool = False, then: str = "") -> None:
        """`then` is appended verbatim after the typing noise, so planted PII stays exactly as recorded."""
        text = text if raw else self.v.user(text)
        self.msgs.append(Msg("user", f"{text} {then}".strip() if then else text))

    def bot(self, text: str) -> None:
        self.msgs.append(Msg("assistant", text))

    def tool(
        self,
        name: str,
        args: dict[str, Any],
        result: dict[str, Any],
        *,
        error: bool = False,
        preface: str | None = None,
    ) -> None:
        self._calls += 1
        cid = "call_" + "".join(self.v.rng.choice(string.ascii_letters + string.digits) for _ in range(12))
        self.msgs.append(Msg("assistant", preface, tool_name=name, tool_args=args, call_id=cid))
        self.msgs.append(Msg("tool", json.dumps(result), call_id=cid, is_error=error))

    def thumbs(self, up: bool, comment: str | None = None) -> None:
        fb: dict[str, Any] = {"type": "thumbs", "value": "up" if up else "down"}
        if comment:
            fb["comment"] = comment
        self.feedback.append(fb)

    def csat(self, score: int) -> None:
        self.feedback.append({"type": "csat", "value": score})

    def leak(self, kinds: Sequence[str] = ("email", "phone", "card", "key", "ip")) -> str:
        """A sentence carrying one PII string, recorded for the ground truth."""
        value, sentence = make_pii(self.v.rng, self.v.rng.choice(list(kinds)))
        self.pii.append(value)
        return sentence


Scenario = Callable[[Script], None]


@dataclass(frozen=True)
class Domain:
    """Everything domain-specific a generator needs; `generate_domain` does the rest."""

    name: str
    system: str
    cause_intent: dict[str, str]  # cause -> intent it lives in
    default_cause_rates: dict[str, float]
    intent_share: dict[str, float]
    fail: dict[str, Scenario]  # cause -> failing scenario
    succeed: dict[str, Scenario]  # intent -> successful scenario
    regress: dict[str, Scenario]  # healthy intent -> intent-specific failure (for intent_failure)
    background: Sequence[Scenario]  # generic failures, any intent
    openers: dict[str, Sequence[str]]
    abandon: Scenario  # a successful conversation cut short (abandonment_shift)
    escalate_tail: Callable[[Script], None]
    leave_tail: Callable[[Script], None]
    channels: Sequence[str]
    default_prompt_version: str
    background_rate: float = 0.05


# --------------------------------------------------------------------------------------------------
# Export writers: the exact shapes real exports have
# --------------------------------------------------------------------------------------------------


def _iso(ts: datetime) -> str:
    return ts.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class Conv:
    id: str
    user_id: str
    started_at: datetime
    metadata: dict[str, Any]
    script: Script
    fmt: str = "openai"


def openai_record(c: Conv) -> dict[str, Any]:
    messages: list[dict[str, Any]] = []
    for m in c.script.msgs:
        assert m.ts is not None
        if m.role == "tool":
            messages.append(
                {"role": "tool", "tool_call_id": m.call_id, "content": m.text, "timestamp": _iso(m.ts)}
            )
        elif m.tool_name:
            messages.append(
                {
                    "role": "assistant",
                    "content": m.text,
                    "tool_calls": [
                        {
                            "id": m.call_id,
                            "type": "function",
                            "function": {"name": m.tool_name, "arguments": json.dumps(m.tool_args)},
                        }
                    ],
                    "timestamp": _iso(m.ts),
                }
            )
        else:
            messages.append({"role": m.role, "content": m.text, "timestamp": _iso(m.ts)})
    rec: dict[str, Any] = {
        "id": c.id,
        "user_id": c.user_id,
        "started_at": _iso(c.started_at),
        "metadata": c.metadata,
    }
    if c.script.feedback:
        rec["feedback"] = c.script.feedback
    rec["messages"] = messages
    return rec


def anthropic_record(c: Conv, system: str) -> dict[str, Any]:
    messages: list[dict[str, Any]] = []
    for m in c.script.msgs:
        assert m.ts is not None
        if m.role == "tool":
            block: dict[str, Any] = {"type": "tool_result", "tool_use_id": m.call_id, "content": m.text}
            if m.is_error:
                block["is_error"] = True
            messages.append({"role": "user", "content": [block], "timestamp": _iso(m.ts)})
        elif m.tool_name:
            blocks: list[dict[str, Any]] = []
            if m.text:
                blocks.append({"type": "text", "text": m.text})
            blocks.append(
                {
                    "type": "tool_use",
                    "id": m.call_id.replace("call_", "toolu_") if m.call_id else None,
                    "name": m.tool_name,
                    "input": m.tool_args,
                }
            )
            messages.append({"role": "assistant", "content": blocks, "timestamp": _iso(m.ts)})
        else:
            messages.append(
                {"role": m.role, "content": [{"type": "text", "text": m.text}], "timestamp": _iso(m.ts)}
            )
    # tool_result ids must match the tool_use ids
    for msg in messages:
        for b in msg["content"]:
            if b["type"] == "tool_result":
                b["tool_use_id"] = b["tool_use_id"].replace("call_", "toolu_")
    rec: dict[str, Any] = {
        "id": c.id,
        "user_id": c.user_id,
        "started_at": _iso(c.started_at),
        "metadata": c.metadata,
    }
    if c.script.feedback:
        rec["feedback"] = c.script.feedback
    rec["system"] = system
    rec["messages"] = messages
    return rec


def csv_rows(c: Conv) -> list[list[str]]:
    rows = []
    for m in c.script.msgs:
        assert m.ts is not None
        text = m.text or ""
        if m.tool_name:
            text = (text + " " if text else "") + f"[calls {m.tool_name}({json.dumps(m.tool_args)})]"
        rows.append([c.id, m.role, text.replace("\n", " "), _iso(m.ts), c.user_id])
    return rows


CSV_HEADER = ["conversation_id", "role", "content", "timestamp", "user_id"]


def _dumps(rec: Any) -> str:
    return json.dumps(rec, ensure_ascii=False, separators=(",", ":"))


def write_gz(path: Path, text: str) -> None:
    """gzip without a timestamp or file name in the header, so the bytes depend only on the content."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as gz:
        gz.write(text.encode("utf-8"))


def write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="")


def csv_text(rows: list[list[str]]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue()


# --------------------------------------------------------------------------------------------------
# The generic generator: allocate, script, time-stamp, split into files, plant malformed lines
# --------------------------------------------------------------------------------------------------


def _counts(n: int, shares: dict[str, float]) -> dict[str, int]:
    """Largest-remainder rounding so the counts sum to n exactly."""
    total = sum(shares.values())
    raw = {k: n * s / total for k, s in shares.items()}
    counts = {k: int(v) for k, v in raw.items()}
    rest = n - sum(counts.values())
    for k in sorted(raw, key=lambda k: (-(raw[k] - counts[k]), k))[:rest]:
        counts[k] += 1
    return counts


def _clamp(x: float) -> float:
    return max(0.0, min(1.0, x))


def _check_keys(name: str, given: dict[str, float] | None, allowed: Sequence[str]) -> dict[str, float]:
    given = dict(given or {})
    unknown = sorted(set(given) - set(allowed))
    if unknown:
        raise ValueError(f"{name}: unknown {unknown}; allowed: {sorted(allowed)}")
    for k, v in given.items():
        if not 0.0 <= v <= 1.0:
            raise ValueError(f"{name}[{k!r}] must be between 0 and 1 (got {v})")
    return given


def generate_domain(
    domain: Domain,
    out_dir: Path,
    *,
    seed: int,
    conversations: int,
    start: date,
    days: int,
    cause_rates: dict[str, float] | None,
    intent_failure: dict[str, float] | None,
    escalation_shift: float,
    abandonment_shift: float,
    prompt_version: str | None,
    id_prefix: str,
    holdout: bool,
    formats: tuple[str, ...],
    layout: Callable[[str, date], str],
    format_weights: dict[str, float],
    malformed_plan: Callable[[random.Random, dict[str, list[str]], str], list[tuple[str, int]]] | None = None,
    render: Callable[[str, list[Conv], str], list[str]] | None = None,
) -> GroundTruth:
    if conversations < 1:
        raise ValueError("conversations must be at least 1")
    if days < 1:
        raise ValueError("days must be at least 1")
    unknown_formats = sorted(set(formats) - set(format_weights))
    if not formats or unknown_formats:
        raise ValueError(f"formats: unknown {unknown_formats}; allowed: {sorted(format_weights)}")
    rates = {**domain.default_cause_rates, **_check_keys("cause_rates", cause_rates, list(domain.fail))}
    healthy = [i for i in domain.intent_share if i not in domain.cause_intent.values()]
    regress = _check_keys("intent_failure", intent_failure, healthy)
    params = {
        "seed": seed,
        "conversations": conversations,
        "start": start.isoformat(),
        "days": days,
        "cause_rates": rates,
        "intent_failure": regress,
        "escalation_shift": escalation_shift,
        "abandonment_shift": abandonment_shift,
        "prompt_version": prompt_version,
        "id_prefix": id_prefix,
        "holdout": holdout,
        "formats": list(formats),
    }

    rng = random.Random(f"{domain.name}:{seed}:{id_prefix}:{holdout}")
    voice = Voice(rng, holdout)

    # 1. What each conversation is: (intent, kind) with exact counts, then shuffled.
    per_intent = _counts(conversations, domain.intent_share)
    slots: list[
        tuple[str, str]
    ] = []  # (intent, kind) kind: fail:<cause> | ok | background | regress | abandon
    intent_causes = {i: c for c, i in domain.cause_intent.items()}
    for intent, n in per_intent.items():
        kinds: list[str] = []
        if intent in intent_causes:
            cause = intent_causes[intent]
            k = min(n, round(rates[cause] * conversations))
            kinds += [f"fail:{cause}"] * k
        else:
            k = min(n, round(regress.get(intent, 0.0) * n))
            kinds += ["regress"] * k
            kinds += ["background"] * min(n - len(kinds), round(domain.background_rate * n))
        rest = n - len(kinds)
        n_abandon = min(rest, round(_clamp(abandonment_shift) * rest))
        kinds += ["abandon"] * n_abandon + ["ok"] * (rest - n_abandon)
        slots += [(intent, k) for k in kinds]
    rng.shuffle(slots)

    # 2. When and who.
    t0 = datetime(start.year, start.month, start.day, tzinfo=UTC)
    hours = [h for h in range(24) for _ in range(4 if 8 <= h <= 18 else 1)]
    starts = sorted(
        t0
        + timedelta(
            days=rng.randrange(days),
            hours=rng.choice(hours),
            minutes=rng.randrange(60),
            seconds=rng.randrange(60),
        )
        for _ in slots
    )
    users = [f"u_{rng.getrandbits(48):012x}" for _ in range(max(3, conversations // 2))]
    weights = [1.0 / (1 + i % 7) for i in range(len(users))]  # a few users come back often
    version = prompt_version or domain.default_prompt_version
    fmts = list(formats)
    fweights = [format_weights[f] for f in fmts]

    gt_causes: dict[str, list[str]] = {c: [] for c in domain.fail}
    gt_intents: dict[str, list[str]] = {i: [] for i in domain.intent_share}
    background: list[str] = []
    pii: list[str] = []
    convs: list[Conv] = []
    width = max(5, len(str(conversations)))
    for n, ((intent, kind), started) in enumerate(zip(slots, starts, strict=True), start=1):
        cid = f"{id_prefix}{n:0{width}d}"
        s = Script(voice, topic=domain.openers.get(intent, ()))
        if kind.startswith("fail:"):
            cause = kind[5:]
            domain.fail[cause](s)
            gt_causes[cause].append(cid)
        elif kind == "regress":
            domain.regress[intent](s)
            gt_causes.setdefault(f"{intent}_regression", []).append(cid)
        elif kind == "background":
            voice.any(domain.background)(s)
            background.append(cid)
        elif kind == "abandon":
            domain.abandon(s)
            gt_causes.setdefault("abandoned_midway", []).append(cid)
        else:
            domain.succeed[intent](s)
        _shift_escalation(s, domain, rng, escalation_shift)
        if s.msgs[0].role != "user":
            raise AssertionError(f"scenario for {intent}/{kind} must open with the user")
        _stamp(s, started, rng)
        gt_intents[intent].append(cid)
        pii += s.pii
        convs.append(
            Conv(
                cid,
                rng.choices(users, weights)[0],
                started,
                {"prompt_version": version, "channel": rng.choice(list(domain.channels))},
                s,
                rng.choices(fmts, fweights)[0],
            )
        )

    # 3. Files.
    by_file: dict[str, list[Conv]] = {}
    for c in convs:
        week = start + timedelta(days=7 * ((c.started_at.date() - start).days // 7))
        by_file.setdefault(layout(c.fmt, week), []).append(c)
    lines: dict[str, list[str]] = {}
    for rel, items in sorted(by_file.items()):
        lines[rel] = (render or _render)(rel, items, domain.system)
    malformed = (malformed_plan or _plant_malformed)(rng, lines, id_prefix)
    for rel, text_lines in lines.items():
        path = out_dir / rel
        text = "\n".join(text_lines) + "\n"
        write_gz(path, text) if rel.endswith(".gz") else write_text(path, text)

    return GroundTruth(
        causes={k: sorted(v) for k, v in gt_causes.items()},
        intents={k: sorted(v) for k, v in gt_intents.items()},
        pii=pii,
        malformed=sorted(malformed),
        background=sorted(background),
        params=params,
    )


def _render(rel: str, items: list[Conv], system: str) -> list[str]:
    """The file's lines. JSONL: one conversation per line; CSV: header then one row per turn."""
    name = rel.removesuffix(".gz")
    if name.endswith(".csv"):
        rows = [CSV_HEADER] + [r for c in items for r in csv_rows(c)]
        return csv_text(rows).rstrip("\n").split("\n")
    if name.endswith(".json"):  # a JSON array, one record per line
        recs = [_dumps(openai_record(c)) for c in items]
        return ["["] + [r + ("," if i < len(recs) - 1 else "") for i, r in enumerate(recs)] + ["]"]
    if items and items[0].fmt == "anthropic":
        return [_dumps(anthropic_record(c, system)) for c in items]
    return [_dumps(openai_record(c)) for c in items]


def _plant_malformed(
    rng: random.Random, lines: dict[str, list[str]], id_prefix: str
) -> list[tuple[str, int]]:
    """Broken records of conversations that are not in the ground truth: what a flaky exporter leaves behind."""
    planted: list[tuple[str, int]] = []

    def insert(rel: str, text: str) -> None:
        body = lines[rel]
        if rel.removesuffix(".gz").endswith(".csv"):
            # between two conversations, so no real conversation is split by the broken row
            cuts = [
                i for i in range(2, len(body)) if body[i].split(",", 1)[0] != body[i - 1].split(",", 1)[0]
            ]
            at = rng.choice(cuts) if cuts else len(body)
        else:
            at = rng.randrange(1, len(body)) if len(body) > 1 else len(body)
        body.insert(at, text)
        # lines after the insertion point moved down by one
        for i, (f, ln) in enumerate(planted):
            if f == rel and ln >= at + 1:
                planted[i] = (f, ln + 1)
        planted.append((rel, at + 1))

    jsonl = sorted(r for r in lines if r.endswith(".jsonl"))
    gz = sorted(r for r in lines if r.endswith(".jsonl.gz"))
    csvs = sorted(r for r in lines if r.removesuffix(".gz").endswith(".csv"))
    ts = "2026-10-02T09:14:00Z"
    if jsonl:
        full = _dumps(
            {
                "id": f"{id_prefix}x1",
                "user_id": "u_000000000001",
                "started_at": ts,
                "metadata": {"channel": "web"},
                "messages": [{"role": "user", "content": "how do I archive a project", "timestamp": ts}],
            }
        )
        insert(jsonl[0], full[: len(full) // 2])  # truncated line
        insert(jsonl[-1], "{'id': '" + id_prefix + "x2', 'messages': [}")  # not JSON at all
    if gz:
        insert(
            gz[0],
            _dumps(
                {
                    "id": f"{id_prefix}x3",
                    "user_id": "u_000000000002",
                    "started_at": ts,
                    "messages": [{"role": "moderator", "content": [{"type": "text", "text": "flagged"}]}],
                }
            ),
        )
    if csvs:
        insert(csvs[0], f"{id_prefix}x4,user")  # row without content
        insert(csvs[-1], f"{id_prefix}x5,narrator,the customer sighs,{ts},u_000000000003")  # unknown role
    return planted


def _stamp(s: Script, started: datetime, rng: random.Random) -> None:
    """Per-message timestamps: users take a while to type, the bot and tools answer in seconds."""
    t = started
    for i, m in enumerate(s.msgs):
        if i:
            if m.role == "user":
                t += timedelta(seconds=rng.randrange(20, 240))
            elif m.role == "tool":
                t += timedelta(seconds=rng.randrange(1, 4))
            else:
                t += timedelta(seconds=rng.randrange(2, 15))
        m.ts = t


ESCALATION_MARK = "__escalation__"


def _shift_escalation(s: Script, domain: Domain, rng: random.Random, shift: float) -> None:
    """Scenarios that end in a hand-off mark it; a negative shift turns hand-offs into users who just leave."""
    for i, m in enumerate(s.msgs):
        if m.text == ESCALATION_MARK:
            del s.msgs[i:]
            tail = domain.escalate_tail if rng.random() < _clamp(1.0 + shift) else domain.leave_tail
            tail(s)
            return


# ==================================================================================================
# Lumen: a B2B project-management SaaS and its support bot
# ==================================================================================================

GREET = ["", "", "", "hi, ", "Hi! ", "hello - ", "Hey, ", "Good morning. ", "hi there, ", "Hello team, "]
SUFFIX = [
    "",
    "",
    "",
    " Thanks.",
    " thx",
    " Thanks in advance!",
    " We're on the Business plan.",
    " Kind of urgent.",
    " (asking for my team)",
    " please help",
]


def opener(s: Script, options: Sequence[str], *, pii_p: float = 0.0) -> None:
    text = s.v.any(GREET) + s.v.pick(options) + s.v.any(SUFFIX)
    text = s.v.user(text)
    if s.v.chance(pii_p):
        text = text.rstrip() + " " + s.leak(("email", "phone")) + "."
    s.user(text[0].upper() + text[1:] if s.v.chance(0.6) else text, raw=True)


def maybe_feedback(s: Script, *, good: bool, p: float = 0.35) -> None:
    if not s.v.chance(p):
        return
    if good:
        if s.v.chance(0.7):
            s.thumbs(True)
        else:
            s.csat(s.v.rng.choice([4, 5, 5]))
    elif s.v.chance(0.6):
        s.thumbs(False, s.v.any([None, None, "didn't help", "useless bot", "wrong answer", "not helpful"]))
    else:
        s.csat(s.v.rng.choice([1, 1, 2]))


THANKS = [
    "Thanks, that worked!",
    "perfect, all set now",
    "Great, got it. Thank you!",
    "ok done, thanks",
    "That did it, appreciate it.",
    "awesome thank you",
    "Works now 👍",
    "Brilliant, thanks for the quick help",
    "cool, found it. thanks!",
    "Yep that's what I needed.",
    "thank you!!",
    "Sorted, cheers.",
]
WELCOME = [
    "You're welcome! Anything else I can help with?",
    "Glad that worked. Have a great day!",
    "Happy to help — reach out any time.",
    "Great! Let me know if anything else comes up.",
]


def close_happy(s: Script) -> None:
    s.user(s.v.pick(THANKS))
    if s.v.chance(0.7):
        s.bot(s.v.any(WELCOME))
    maybe_feedback(s, good=True)


def lumen_escalate_tail(s: Script) -> None:
    s.user(s.v.pick(HUMAN))
    s.tool(
        "escalate_to_human",
        {"queue": s.handoff[0], "reason": s.handoff[1]},
        {"ticket": f"SUP-{s.v.rng.randrange(10000, 99999)}", "eta_hours": 24},
        preface=s.v.any(["I'll connect you with our team.", None]),
    )
    s.bot(
        s.v.any(
            [
                f"I've opened a ticket with our {s.handoff[0]} team; someone will reply by email within one business day.",
                "I've handed this to a human agent. You'll get an email from our support team shortly.",
            ]
        )
    )
    maybe_feedback(s, good=False, p=0.4)


def lumen_leave_tail(s: Script) -> None:
    """The user gives up without asking for anyone: right after the failure, or after one sigh."""
    if s.v.chance(0.3):
        s.user(s.v.any(["ok", "hm.", "whatever", "right...", "great. thanks for nothing"]))
        s.bot(s.v.any(["I'm sorry I couldn't do more here.", "I'm unable to do more on this, sorry."]))
    maybe_feedback(s, good=False, p=0.2)


HUMAN = [
    "Can I talk to a human please?",
    "I want to speak to someone from billing.",
    "get me a real person",
    "Please escalate this to an agent.",
    "is there a human I can talk to",
    "Transfer me to support staff.",
    "I need a person, not a bot.",
    "connect me with your billing team please",
    "Can someone from your team call me?",
    "I'd like to speak with a human agent",
    "let me talk to a manager",
    "Human please.",
]

# --- planted cause 1: SSO/SAML setup gets a vague non-answer, users drop off --------------------------

SSO_OPEN = [
    "How do I set up SAML SSO with Okta for our workspace?",
    "we want to turn on single sign-on with Azure AD, where do I configure it",
    "Where do I paste the IdP metadata URL for SSO?",
    "Can you walk me through configuring SAML single sign-on? Our IdP is Google Workspace.",
    "I'm the admin and need to enable SSO for everyone in our org. How?",
    "trying to connect Lumen to OneLogin via SAML, what's the ACS URL?",
    "Our security team requires SSO before rollout. How do we set up SAML?",
    "Which entity ID and reply URL do I give our Azure AD admin for Lumen SSO?",
    "How can I enforce SSO login for all members of our company workspace?",
    "setting up okta saml for lumen, stuck at the certificate step",
    "Does Lumen support SAML 2.0 and how do I configure it for our domain?",
    "Need help with SSO configuration during onboarding - our IT uses JumpCloud",
    "How do I get the SAML metadata XML for Lumen so IT can add the app?",
    "where is the single sign on setting in the admin console",
    "We're onboarding 80 people next week and want them to log in with Microsoft Entra SSO. Steps?",
    "Can't find where to upload our IdP certificate for SAML",
]
SSO_VAGUE = [
    "SSO can be configured in a number of ways depending on your identity provider. I'd recommend checking "
    "with your IT administrator or our documentation for more details.",
    "Single sign-on setup varies by organization. Your identity provider's documentation is the best place "
    "to start, and your IT team should be able to help.",
    "I'm not sure about the specific steps for that. Please refer to the help center for more information.",
    "Lumen supports many identity providers. The exact configuration depends on your setup, so I'd suggest "
    "consulting your IdP's documentation.",
]
SSO_VAGUE2 = [
    "I'm sorry, I don't have specific information about that. The documentation may have more details.",
    "I'm not able to find detailed steps for this. You may want to reach out to your IT administrator.",
    "Unfortunately I can't provide more specific guidance on SSO configuration.",
    "I don't have access to that information, but our help center might cover it.",
]
SSO_REPHRASE = [
    "ok but where exactly in Lumen do I enter the metadata URL?",
    "I AM the IT admin. I just need to know which screen in Lumen has the SAML settings",
    "That doesn't answer my question. What's the ACS URL and entity ID for Lumen?",
    "so is it under settings somewhere? I can't find any SSO option",
    "The docs page just says 'contact us'. What are the actual steps?",
    "I need the concrete steps in Lumen, not generic advice",
    "Let me rephrase: where in the Lumen admin console do I turn on SAML?",
    "is there a specific page for SSO? which menu",
    "Can you just tell me where the SSO settings are",
    "I asked how to configure it in Lumen, not in Okta",
    "our IdP side is done. what do I do on the lumen side?",
    "Where do I upload the x.509 certificate then?",
]
SSO_GOOD = [
    "Go to Admin → Security → Single sign-on and choose SAML 2.0. Copy the ACS URL "
    "(https://app.lumen.io/sso/saml/acs) and Entity ID (lumen.io) into your IdP, then paste your IdP's "
    "metadata URL back into Lumen and click Test connection. Once it passes, you can enforce SSO for all members.",
    "SAML SSO lives under Admin → Security → Single sign-on (Business and Enterprise plans). Download Lumen's "
    "metadata XML there for your IdP, upload the IdP certificate, test the connection, then switch on "
    "'Require SSO'.",
]


def sso_fail(s: Script) -> None:
    opener(s, SSO_OPEN, pii_p=0.08)
    s.bot(s.v.any(SSO_VAGUE))
    first = s.v.pick(SSO_REPHRASE)
    s.user(first)
    s.bot(s.v.any(SSO_VAGUE2))
    if s.v.chance(0.45):
        s.user(s.v.pick_other(SSO_REPHRASE, first))
        s.bot(s.v.any(SSO_VAGUE))
    # and then they are gone
    maybe_feedback(s, good=False, p=0.3)


def sso_ok(s: Script) -> None:
    opener(s, SSO_OPEN, pii_p=0.05)
    s.bot(s.v.any(SSO_GOOD))
    close_happy(s)


# --- planted cause 2: refund of an annual plan → tool error → escalation ---------------------------

REFUND_OPEN = [
    "I'd like a refund for our annual plan, we renewed by mistake.",
    "we were charged for a full year yesterday, can I get my money back",
    "Please refund the annual subscription, we're moving to monthly.",
    "How do I get a refund on the yearly plan? Auto-renew charged us $1,440.",
    "our annual renewal went through but we cancelled the project. refund please",
    "Can you reverse the annual charge from last week?",
    "I want to cancel and get refunded for the rest of the year",
    "We downgraded seats right after the annual renewal, can we get a partial refund?",
    "refund request - annual business plan, renewed 3 days ago",
    "Is it possible to get a prorated refund on an annual plan?",
    "The company card got billed for 12 months, we only wanted one. Need a refund.",
    "Hi, our finance team asks for a refund of the yearly invoice",
    "Accidentally bought annual instead of monthly. Can you refund the difference?",
    "annual plan refund pls, we're shutting down the team workspace",
    "I was charged for annual renewal without a reminder email, want a refund",
    "How long does a refund for an annual subscription take? I haven't requested it yet.",
]
REFUND_DETAIL = [
    "Workspace is {ws}.",
    "it's the {ws} workspace",
    "Our workspace: {ws}",
    "workspace name {ws}",
    "The account is {ws}, invoice from last Tuesday.",
    "{ws} - the admin is me",
]
WORKSPACES = ["northwind-ops", "brightlabs", "acme-marketing", "helio-eng", "quanta-research", "fjord-design"]


def refund_fail(s: Script) -> None:
    s.handoff = ("billing", "refund request could not be processed")
    opener(s, REFUND_OPEN, pii_p=0.05)
    ws = s.v.rng.choice(WORKSPACES)
    if s.v.chance(0.5):
        s.bot(
            s.v.any(
                [
                    "I can help with that. Which workspace is this for?",
                    "Sure — could you tell me the workspace name?",
                ]
            )
        )
        detail = s.v.pick(REFUND_DETAIL).format(ws=ws)
        s.user(detail, then=s.leak(("card", "email")) if s.v.chance(0.25) else "")
    s.tool(
        "lookup_subscription",
        {"workspace": ws},
        {"workspace": ws, "plan": "business_annual", "renewed_at": "2026-09-14", "amount_usd": 1440},
        preface=s.v.any(["Let me look up your subscription.", None]),
    )
    s.tool(
        "issue_refund",
        {"workspace": ws, "kind": "full", "reason": "customer request"},
        {
            "error": "refund_not_supported",
            "message": "Refunds for annual plans must be processed by billing (plan=business_annual).",
        },
        error=True,
    )
    s.bot(
        s.v.any(
            [
                "I'm sorry, I wasn't able to process the refund — something went wrong on my side.",
                "Unfortunately the refund could not be completed. Please try again later.",
                "I ran into an error while issuing the refund. I can't complete this request right now.",
                "Sorry, the refund failed to go through.",
            ]
        )
    )
    if s.v.chance(0.3):
        s.user(s.v.any(["what do you mean it failed?", "so what now?", "try again?", "That's not great."]))
        s.bot(
            s.v.any(
                [
                    "I'm sorry, I'm unable to process refunds for this plan at the moment.",
                    "I tried again but the refund still could not be completed.",
                ]
            )
        )
    s.bot(ESCALATION_MARK)


def refund_ok(s: Script) -> None:
    opener(s, REFUND_OPEN, pii_p=0.05)
    ws = s.v.rng.choice(WORKSPACES)
    s.tool(
        "lookup_subscription",
        {"workspace": ws},
        {"workspace": ws, "plan": "business_annual", "renewed_at": "2026-09-14", "amount_usd": 1440},
    )
    s.tool(
        "escalate_to_human",
        {"queue": "billing", "reason": "annual plan refund within 14 days"},
        {"ticket": f"BIL-{s.v.rng.randrange(10000, 99999)}", "eta_hours": 24},
    )
    s.bot(
        "Annual plans are refunded by our billing team. I've filed the request (renewed within 14 days, so "
        "it qualifies for a full refund) and you'll get a confirmation email within one business day."
    )
    close_happy(s)


# --- planted cause 3: CSV/Excel export refused → expectation downgrade -----------------------------

EXPORT_OPEN = [
    "Can I export all tasks in a project to CSV?",
    "how do i download my tasks as an excel file",
    "Is there a way to export the board to a spreadsheet?",
    "I need to get our task list into Excel for a client report.",
    "export project to csv?",
    "Can we export time tracking entries to xlsx?",
    "Our PM wants all tasks with due dates in a CSV. How?",
    "Is it possible to download a project's tasks as a .csv file?",
    "How do I get my data out of Lumen into Google Sheets or Excel?",
    "need a csv dump of every task assigned to me",
    "Where's the export button? I want the list view as a spreadsheet",
    "Can Lumen export tasks, assignees and statuses to CSV for our monthly reporting?",
    "I'd like to back up all our projects as spreadsheets",
    "export to excel not working or not there?",
    "how can i get a report of completed tasks in csv format",
    "Can I pull a CSV of all subtasks and comments?",
]
EXPORT_REFUSE = [
    "I'm sorry, but exporting tasks to CSV isn't possible in Lumen.",
    "Unfortunately Lumen doesn't support exporting to Excel or CSV.",
    "I'm afraid that's not possible — Lumen has no spreadsheet export.",
    "Sorry, I can't help with that. Exporting projects to a file isn't supported.",
]
EXPORT_DOWNGRADE = [
    "ok never mind, I'll just copy them by hand",
    "Forget it, I'll do it myself.",
    "fine, I'll screenshot the board I guess",
    "never mind then. I'll type it into excel manually",
    "Oh well, I'll build the spreadsheet myself.",
    "that's disappointing. I'll just do it manually",
    "ugh ok, I'll copy paste everything",
    "Nevermind, we'll use another tool for reporting.",
    "ok I'll find a workaround myself",
    "Seriously? fine, I'll do it by hand.",
    "never mind, forget I asked",
    "guess I'll export it some other way then",
]
EXPORT_GOOD = [
    "Yes! Open the project, click ⋯ (top right) → Export, and choose CSV or Excel (.xlsx). You can pick which "
    "columns to include; the file downloads right away.",
    "You can: in any list or board view, use ⋯ → Export → CSV/Excel. For all projects at once, an admin can "
    "use Admin → Data → Export workspace.",
]


def export_fail(s: Script) -> None:
    opener(s, EXPORT_OPEN)
    s.bot(s.v.any(EXPORT_REFUSE))
    if s.v.chance(0.35):
        s.user(
            s.v.any(
                [
                    "really? not even for admins?",
                    "are you sure? I thought there was an export",
                    "not even through the API?",
                ]
            )
        )
        s.bot(
            s.v.any(
                [
                    "I'm sorry, exporting isn't something Lumen supports.",
                    "Yes, I'm sure — that isn't possible.",
                ]
            )
        )
    s.user(s.v.pick(EXPORT_DOWNGRADE))
    if s.v.chance(0.5):
        s.bot(
            s.v.any(
                [
                    "Sorry about that! Anything else I can help with?",
                    "Understood. Let me know if you need anything else.",
                ]
            )
        )
    maybe_feedback(s, good=False, p=0.25)


def export_ok(s: Script) -> None:
    opener(s, EXPORT_OPEN)
    s.bot(s.v.any(EXPORT_GOOD))
    close_happy(s)


# --- planted cause 4: password-reset link expired → rephrasing loop → abandonment --------------------

RESET_OPEN = [
    "My password reset link says it has expired.",
    "the reset password email link doesn't work, it says expired",
    "I clicked 'forgot password' but the link is already expired when I open it",
    "Password reset link expired immediately. Can't log in.",
    "Every reset link I get says 'this link has expired'",
    "can't reset my password, link expired??",
    "Got the reset email 2 minutes ago and it already says the token expired",
    "I'm locked out, the password reset link is invalid or expired",
    "reset link expired error when trying to set a new password",
    "Why does my password reset link keep expiring?",
    "Hi, I requested a password reset three times and every link is expired.",
    "I can't log in - reset link says expired, please help",
    "the link in the reset email gives me 'expired token'",
    "Help, password reset isn't working (link expired)",
    "Trying to change my password but the emailed link has already expired",
    "my colleague can't log in, her password reset link expires instantly",
]
RESET_SAME = [
    "You can request a new password reset link from the login page by clicking 'Forgot password'.",
    "Please click 'Forgot password' on the sign-in page to get a fresh reset link. Links are valid for 30 minutes.",
    "I've sent you a new reset link. Please use it within 30 minutes.",
    "Try requesting another reset email and click the newest link.",
]
RESET_AGAIN = [
    "I did that, the new link also says expired",
    "That's what I've been doing. Still says expired.",
    "again expired. I clicked it within a minute",
    "the new one is expired too",
    "Still the same error: link has expired",
    "I requested another one and it's ALSO expired",
    "it keeps saying expired no matter how fast I click",
    "same problem with the new link",
    "nope, expired again",
    "I just told you, every link is expired",
    "that doesn't help, the fresh link is expired as well",
    "Tried it again. Expired. Again.",
]
RESET_LAST = [
    "I'm not sure why the link expires so quickly. Please request a new one and use it right away.",
    "Reset links expire after 30 minutes. Please request a new link from the login page.",
    "I'm sorry, I'm unable to fix this from here. Please try again later.",
    "I don't know why that happens. Could you try a different browser?",
]
RESET_FRUSTRATED = [
    "this is so frustrating",
    "This is ridiculous, I can't work.",
    "unbelievable.",
    "I'm losing my mind here",
    "this is a waste of time",
    "Really annoying.",
]


def reset_fail(s: Script) -> None:
    opener(s, RESET_OPEN, pii_p=0.15)
    s.bot(s.v.any(RESET_SAME))
    again = s.v.pick(RESET_AGAIN)
    s.user(again)
    if s.v.chance(0.6):
        s.tool(
            "send_password_reset",
            {"email_hint": "on file"},
            {"sent": True, "expires_in_minutes": 30},
            preface=s.v.any(["I'll send a new link now.", None]),
        )
    s.bot(s.v.any(RESET_SAME))
    s.user(s.v.pick_other(RESET_AGAIN, again) + (" " + s.v.any(RESET_FRUSTRATED) if s.v.chance(0.7) else ""))
    s.bot(s.v.any(RESET_LAST))
    # the user gives up: no reply after the bot's third identical suggestion
    maybe_feedback(s, good=False, p=0.2)


def reset_ok(s: Script) -> None:
    opener(s, RESET_OPEN, pii_p=0.1)
    s.tool(
        "send_password_reset",
        {"email_hint": "on file", "invalidate_previous": True, "scanner_safe": True},
        {"sent": True, "expires_in_minutes": 30, "scanner_safe": True},
    )
    s.bot(
        "Some company email filters open links to scan them, which uses up the reset link. I've sent a new "
        "scanner-safe link: it asks you to click a button before the token is used. Please try that one."
    )
    close_happy(s)


# --- planted cause 5: Slack webhook failing → generic advice → negative feedback ---------------------

SLACK_OPEN = [
    "Slack notifications stopped coming through for our project channel.",
    "our lumen -> slack integration isn't posting anymore",
    "The Slack webhook seems broken, no updates in #eng since Monday",
    "Task updates aren't showing in Slack anymore. We didn't change anything.",
    "slack integration failing?? nothing gets posted",
    "Why did Lumen stop sending messages to our Slack channel?",
    "Our Slack alerts for overdue tasks disappeared",
    "Slack app connected but no notifications arrive",
    "The integration with Slack says connected but the channel is silent.",
    "hey, slack notifs from lumen are dead since yesterday",
    "We get an error in the integrations page for Slack and nothing is delivered",
    "Notifications to Slack broke after our workspace admin changed something",
    "no more lumen messages in slack, can you check the webhook?",
    "Slack channel stopped receiving task comments from Lumen",
    "Is there an outage with the Slack integration? Our channel isn't updating",
    "slack sync not working for project Apollo",
]
SLACK_GENERIC = [
    "Please try disconnecting and reconnecting the Slack integration under Settings → Integrations.",
    "Sometimes the Slack integration needs to be re-authorized. Try removing it and adding it again.",
    "Make sure notifications are enabled for the project in your notification settings.",
    "Integrations can occasionally take a few minutes to sync. Please try again later.",
]
SLACK_STILL = [
    "did that, still nothing coming through",
    "Reconnected twice. Still broken.",
    "notifications are on. that's not the problem",
    "we waited a whole day, nothing",
    "That didn't fix it.",
    "still no messages in the channel",
    "Already tried that, didn't work",
    "nope. same as before",
    "still silent after reconnecting",
    "no change, the channel still gets nothing",
    "Tried it. Nothing.",
    "it still doesn't post anything",
]
SLACK_ANGRY = [
    "This is useless.",
    "you're not helping at all",
    "terrible support honestly",
    "what a waste of time",
    "so annoying, we rely on this",
    "this bot is pointless",
    "Ridiculous.",
    "not helpful",
]


def slack_fail(s: Script) -> None:
    opener(s, SLACK_OPEN, pii_p=0.1)
    if s.v.chance(0.5):
        s.tool(
            "check_integration_status",
            {"integration": "slack"},
            {
                "integration": "slack",
                "state": "degraded",
                "webhook": "revoked_by_slack",
                "last_success": "2026-10-0" + str(s.v.rng.randrange(1, 9)),
                "channel": "#" + s.v.rng.choice(["eng", "eng-updates", "marketing", "ops", "design"]),
            },
            preface=s.v.any(["Let me check the integration.", None]),
        )
    s.bot(s.v.any(SLACK_GENERIC))
    s.user(s.v.pick(SLACK_STILL))
    s.bot(s.v.any(SLACK_GENERIC))
    s.user(s.v.pick(SLACK_ANGRY))
    if s.v.chance(0.5):
        s.bot("I'm sorry for the trouble. Is there anything else I can help with?")
    if s.v.chance(0.6):
        s.thumbs(False, s.v.any([None, "slack still broken", "generic answers"]))
    else:
        s.csat(s.v.rng.choice([1, 1, 2]))


def slack_ok(s: Script) -> None:
    opener(s, SLACK_OPEN, pii_p=0.05)
    s.tool(
        "check_integration_status",
        {"integration": "slack"},
        {
            "integration": "slack",
            "state": "degraded",
            "webhook": "revoked_by_slack",
            "last_success": "2026-10-0" + str(s.v.rng.randrange(1, 9)),
            "channel": "#eng",
        },
    )
    s.bot(
        "The Slack webhook for your channel was revoked on Slack's side, usually after the channel "
        "was renamed or archived. Go to Settings → Integrations → Slack → Reconnect channel and pick the "
        "channel again; a test message is sent right away."
    )
    close_happy(s)


# --- healthy intents ---------------------------------------------------------------------------------

INVITE_OPEN = [
    "How do I invite teammates to my workspace?",
    "can i add my colleague to our project",
    "I need to invite 5 people from marketing.",
    "How do I add a new member to the team?",
    "invite users by email?",
    "Where's the button to invite someone to Lumen?",
    "Can guests be invited to a single project only?",
    "I want to give a contractor access to one board",
    "how do i add people to my workspace",
    "Please help me invite my team, we just signed up",
    "What's the best way to bulk invite our whole department?",
    "Adding a new hire to our workspace, how?",
]
INVITE_OK = [
    "Click Invite in the left sidebar, enter their email addresses (comma separated works), choose Member or "
    "Guest, and send. They'll get an email with a link.",
    "Go to Admin → Members → Invite. You can paste a list of emails to invite many people at once; guests only "
    "see the projects you share with them.",
]


def invite_ok(s: Script) -> None:
    opener(s, INVITE_OPEN)
    if s.v.chance(0.4):
        s.bot("Happy to help. Who would you like to invite?")
        addr = make_pii(s.v.rng, "email")[0]
        s.pii.append(addr)
        s.user(s.v.any(["please invite", "Invite", "can you add", "pls invite"]), then=addr)
        s.tool("invite_user", {"email": addr, "role": "member"}, {"invited": addr, "status": "pending"})
        s.bot(f"Done — I've sent an invitation to {addr}. They'll appear under Members once they accept.")
    else:
        s.bot(s.v.any(INVITE_OK))
    close_happy(s)


def invite_regress(s: Script) -> None:
    opener(s, INVITE_OPEN)
    s.tool(
        "invite_user",
        {"email": "new.member@" + s.v.rng.choice(DOMAINS), "role": "member"},
        {"error": "seat_limit_reached", "message": "No free seats on plan"},
        error=True,
    )
    s.bot(
        s.v.any(["I couldn't send the invitation, sorry.", "The invite didn't go through. Please try later."])
    )
    s.user(
        s.v.any(["why not? we have seats", "That's wrong, we have 3 free seats", "??? this worked last week"])
    )
    s.bot("I'm sorry, I can't send invitations right now.")
    maybe_feedback(s, good=False, p=0.5)


BILLING_OPEN = [
    "How do I change the billing email for invoices?",
    "invoices should go to our finance team, not me. how do I change that",
    "Can I update the email address that receives receipts?",
    "need to change billing contact",
    "Where do I edit the invoice recipient?",
    "Our accountant needs the invoices, can you switch the billing email?",
    "I left the company soon, please move billing emails to my colleague",
    "change the email on our invoices to accounting please",
    "How to update billing information - specifically the email?",
    "Receipts go to an old address. How do I change it?",
    "Can invoices be sent to two addresses?",
    "Update billing email for our workspace",
]


def billing_ok(s: Script) -> None:
    opener(s, BILLING_OPEN)
    if s.v.chance(0.5):
        s.bot("Sure — what's the new billing email?")
        addr = make_pii(s.v.rng, "email")[0]
        s.pii.append(addr)
        s.user(s.v.any(["please use", "New one:", "it should be", "", "change it to"]), then=addr)
        s.tool("update_billing_contact", {"email": addr}, {"updated": True, "billing_email": addr})
        s.bot(f"Done. Invoices and receipts will now go to {addr}.")
    else:
        s.bot(
            "Go to Admin → Billing → Billing contact, edit the email and save. You can add a second recipient "
            "under 'CC on invoices'."
        )
    close_happy(s)


def billing_regress(s: Script) -> None:
    opener(s, BILLING_OPEN)
    s.tool(
        "update_billing_contact",
        {"email": "finance@" + s.v.rng.choice(DOMAINS)},
        {"error": "internal_error", "message": "billing service unavailable"},
        error=True,
    )
    s.bot("Sorry, I couldn't update the billing contact.")
    s.user(s.v.any(["ok so how do I do it then", "that's annoying", "can you try again"]))
    s.bot("I'm unable to change it at the moment.")
    maybe_feedback(s, good=False, p=0.5)


TEMPLATE_OPEN = [
    "How do I create a project template?",
    "can i save this project as a template for future clients",
    "Is there a way to reuse a project structure with all the task lists?",
    "I want a template for our onboarding checklist.",
    "how to make a template from an existing project",
    "Can templates include default assignees and due dates?",
    "We run the same launch process every month, can I template it?",
    "duplicate a project as template?",
    "Where do I manage workspace templates?",
    "Can I share a template with the whole company?",
    "create new project from template how",
    "Is it possible to set up a standard sprint template?",
]


def template_ok(s: Script) -> None:
    opener(s, TEMPLATE_OPEN)
    s.bot(
        s.v.any(
            [
                "Open the project, click ⋯ → Save as template. Task lists, descriptions and relative due dates are "
                "kept; you can choose whether to keep assignees. New projects can then start from it via New project → "
                "From template.",
                "Templates live under Workspace → Templates. Use 'Save as template' on any project, and mark it as "
                "shared so everyone in the workspace can use it.",
            ]
        )
    )
    if s.v.chance(0.4):
        s.user(s.v.any(["does it keep the subtasks too?", "and the custom fields?", "can I edit it later?"]))
        s.bot(
            s.v.any(
                [
                    "Yes, subtasks and custom fields are included.",
                    "Yes — edit it any time from Workspace → Templates.",
                ]
            )
        )
    close_happy(s)


def template_regress(s: Script) -> None:
    opener(s, TEMPLATE_OPEN)
    s.bot("I'm not sure templates are available. You may want to check the documentation.")
    s.user(
        s.v.any(
            [
                "they definitely exist, I used one last month",
                "that's not right",
                "huh? there's a templates menu",
            ]
        )
    )
    s.bot("I'm sorry, I don't have more information about templates.")
    maybe_feedback(s, good=False, p=0.5)


API_OPEN = [
    "What are the API rate limits?",
    "how many requests per minute can we make to the lumen api",
    "We're getting 429 errors from the API, what's the limit?",
    "Is there a rate limit on the REST API for the Business plan?",
    "api throttling limits?",
    "How many API calls per hour does an integration get?",
    "Our sync script hits 'Too Many Requests'. What are the quotas?",
    "Do webhooks count towards the API rate limit?",
    "What's the burst limit for the public API?",
    "rate limit per token or per workspace?",
    "Planning a migration script - how fast can I call the API?",
    "How do I raise our API rate limit?",
]


def api_ok(s: Script) -> None:
    text_pii = 0.25
    opener(s, API_OPEN)
    if s.v.chance(text_pii):
        s.bot("Happy to check. Which token or integration is this about?")
        s.user(s.leak(("key", "ip")), raw=True)
    s.bot(
        s.v.any(
            [
                "The REST API allows 100 requests per minute per token, with bursts up to 20 per second. A 429 response "
                "includes a Retry-After header; back off for that many seconds. Enterprise plans can request higher "
                "limits.",
                "Limits are per token: 100 requests/minute (Business) and 300/minute (Enterprise). Webhooks don't count. "
                "Use the X-RateLimit-Remaining header to pace your script.",
            ]
        )
    )
    close_happy(s)


def api_regress(s: Script) -> None:
    opener(s, API_OPEN)
    s.bot("There are no rate limits on the Lumen API.")
    s.user(
        s.v.any(
            [
                "then why am I getting 429s?",
                "that's clearly wrong, we get throttled",
                "the docs say otherwise",
            ]
        )
    )
    s.bot("I'm not sure. Please check the documentation.")
    maybe_feedback(s, good=False, p=0.5)


DARK_OPEN = [
    "Is there a dark mode?",
    "how do i turn on dark theme",
    "Can I switch Lumen to dark mode on desktop?",
    "dark mode please, my eyes hurt",
    "Where's the theme setting?",
    "Does the mobile app support dark mode?",
    "How to make the interface darker?",
    "can lumen follow my system theme",
    "Change appearance to dark?",
    "Is there a high contrast or dark option?",
    "how do I enable night mode",
    "Can each user pick their own theme?",
]


def dark_ok(s: Script) -> None:
    opener(s, DARK_OPEN)
    s.bot(
        s.v.any(
            [
                "Yes! Click your avatar → Preferences → Appearance and choose Dark, Light or 'Match system'.",
                "Go to Preferences → Appearance. Dark mode is available on web, desktop and mobile; each user picks "
                "their own theme.",
            ]
        )
    )
    close_happy(s)


def dark_regress(s: Script) -> None:
    opener(s, DARK_OPEN)
    s.bot("I'm sorry, Lumen doesn't offer a dark mode.")
    s.user(s.v.any(["it did yesterday?", "are you sure? my colleague uses it", "hm that's wrong"]))
    s.bot("I'm afraid that isn't possible.")
    maybe_feedback(s, good=False, p=0.5)


RECUR_OPEN = [
    "How do I make a task repeat every week?",
    "can tasks recur monthly",
    "I need a recurring task for our Friday report.",
    "set up repeating task every 2 weeks?",
    "How to create a task that repeats on the first Monday of each month?",
    "Is there a recurring option for checklists?",
    "make a daily recurring task",
    "Can recurring tasks be assigned to rotating people?",
    "Where do I set a task to repeat?",
    "how do repeating tasks work in lumen",
    "Can I stop a recurring task from generating new copies?",
    "weekly recurring reminder for standup notes, how?",
]


def recur_ok(s: Script) -> None:
    opener(s, RECUR_OPEN)
    s.bot(
        s.v.any(
            [
                "Open the task, click the due date and choose Repeat. You can pick daily, weekly, monthly or a custom "
                "rule like 'first Monday'. A new copy is created when the current one is completed.",
                "In the task's date picker, use Repeat → Custom to set any schedule. To stop it, set Repeat back to "
                "Never.",
            ]
        )
    )
    close_happy(s)


def recur_regress(s: Script) -> None:
    opener(s, RECUR_OPEN)
    s.bot("Recurring tasks are not supported. You'll need to create each task manually.")
    s.user(s.v.any(["that's not true", "ugh. really?", "but there's a repeat option in the date picker"]))
    s.bot("I'm sorry, I don't have more information on that.")
    maybe_feedback(s, good=False, p=0.5)


# --- generic failures any intent can have (the noise) ------------------------------------------------

ANY_OPEN = INVITE_OPEN + BILLING_OPEN + TEMPLATE_OPEN + API_OPEN + DARK_OPEN + RECUR_OPEN


def bg_misunderstood(s: Script) -> None:
    opener(s, s.topic or ANY_OPEN)
    s.bot(
        s.v.any(
            [
                "Here's how to change your notification settings: Preferences → Notifications.",
                "You can find our pricing at lumen.io/pricing.",
                "To archive a project, open it and click ⋯ → Archive.",
            ]
        )
    )
    s.user(s.v.any(["that's not what I asked", "no, wrong thing", "??", "you misunderstood me"]))
    s.bot("Sorry about that! Could you rephrase your question?")
    maybe_feedback(s, good=False, p=0.6)


def bg_timeout(s: Script) -> None:
    opener(s, s.topic or ANY_OPEN)
    s.tool(
        "lookup_account",
        {"scope": "workspace"},
        {"error": "timeout", "message": "upstream timed out after 10s"},
        error=True,
    )
    s.bot("Sorry, something went wrong while looking that up.")
    s.bot(ESCALATION_MARK)


def bg_cant(s: Script) -> None:
    opener(s, s.topic or ANY_OPEN)
    s.bot("I'm sorry, I can't help with that.")
    if s.v.chance(0.5):
        s.user(s.v.any(["why not", "great.", "ok..."]))
    maybe_feedback(s, good=False, p=0.4)


def abandon_midway(s: Script) -> None:
    opener(s, s.topic or ANY_OPEN)
    s.bot(
        s.v.any(
            [
                "Could you tell me a bit more about what you're trying to do?",
                "Which workspace is this about?",
                "Can you share more details?",
            ]
        )
    )


LUMEN_SYSTEM = (
    "You are Lumen Assist, the support assistant for Lumen, a project-management tool for teams. "
    "See prompts/system.md."
)

LUMEN = Domain(
    name="lumen",
    system=LUMEN_SYSTEM,
    cause_intent={
        "sso_setup_vague": "sso_setup",
        "annual_refund_tool_error": "annual_refund",
        "csv_export_refused": "csv_export",
        "password_reset_loop": "password_reset",
        "slack_webhook_generic": "slack_integration",
    },
    default_cause_rates={
        "sso_setup_vague": 0.075,
        "annual_refund_tool_error": 0.075,
        "csv_export_refused": 0.075,
        "password_reset_loop": 0.075,
        "slack_webhook_generic": 0.075,
    },
    intent_share={
        "sso_setup": 0.09,
        "annual_refund": 0.09,
        "csv_export": 0.09,
        "password_reset": 0.09,
        "slack_integration": 0.09,
        "invite_teammates": 0.10,
        "billing_email": 0.09,
        "project_template": 0.09,
        "api_rate_limits": 0.09,
        "dark_mode": 0.09,
        "recurring_tasks": 0.09,
    },
    fail={
        "sso_setup_vague": sso_fail,
        "annual_refund_tool_error": refund_fail,
        "csv_export_refused": export_fail,
        "password_reset_loop": reset_fail,
        "slack_webhook_generic": slack_fail,
    },
    succeed={
        "sso_setup": sso_ok,
        "annual_refund": refund_ok,
        "csv_export": export_ok,
        "password_reset": reset_ok,
        "slack_integration": slack_ok,
        "invite_teammates": invite_ok,
        "billing_email": billing_ok,
        "project_template": template_ok,
        "api_rate_limits": api_ok,
        "dark_mode": dark_ok,
        "recurring_tasks": recur_ok,
    },
    regress={
        "invite_teammates": invite_regress,
        "billing_email": billing_regress,
        "project_template": template_regress,
        "api_rate_limits": api_regress,
        "dark_mode": dark_regress,
        "recurring_tasks": recur_regress,
    },
    background=(bg_misunderstood, bg_timeout, bg_cant),
    openers={
        "sso_setup": SSO_OPEN,
        "annual_refund": REFUND_OPEN,
        "csv_export": EXPORT_OPEN,
        "password_reset": RESET_OPEN,
        "slack_integration": SLACK_OPEN,
        "invite_teammates": INVITE_OPEN,
        "billing_email": BILLING_OPEN,
        "project_template": TEMPLATE_OPEN,
        "api_rate_limits": API_OPEN,
        "dark_mode": DARK_OPEN,
        "recurring_tasks": RECUR_OPEN,
    },
    abandon=abandon_midway,
    escalate_tail=lumen_escalate_tail,
    leave_tail=lumen_leave_tail,
    channels=("web", "web", "in_app", "in_app", "slack", "email"),
    default_prompt_version="v14",
)


def _lumen_layout(fmt: str, week: date) -> str:
    return {
        "openai": f"exports/openai/conversations-{week.isoformat()}.jsonl",
        "anthropic": f"exports/anthropic/conversations-{week.isoformat()}.jsonl.gz",
        "csv": f"exports/csv/turns-{week.isoformat()}.csv",
    }[fmt]


def generate(
    out_dir: Path,
    *,
    seed: int = 7,
    conversations: int = 600,
    start: date = date(2026, 10, 1),
    days: int = 21,
    cause_rates: dict[str, float] | None = None,
    intent_failure: dict[str, float] | None = None,
    escalation_shift: float = 0.0,
    abandonment_shift: float = 0.0,
    prompt_version: str | None = None,
    id_prefix: str = "c",
    holdout: bool = False,
    formats: tuple[str, ...] = ("openai", "anthropic", "csv"),
) -> GroundTruth:
    """Write Lumen support exports under `out_dir/exports/` (one file per format and week) and return
    what was planted.

    `cause_rates` sets the share of all conversations that fail for a planted cause (0 = the cause is
    fixed: those users now get the good answer). `intent_failure` makes a healthy intent fail with that
    probability (a regression; recorded as cause `<intent>_regression`). `escalation_shift` moves the
    probability that a failing conversation ends in a hand-off (negative: users leave instead);
    `abandonment_shift` is the share of otherwise-successful conversations the user abandons midway
    (recorded as cause `abandoned_midway`). File names carry the week, so a later period written into
    the same repo adds files rather than replacing them; use another `id_prefix` for it.
    """
    return generate_domain(
        LUMEN,
        Path(out_dir),
        seed=seed,
        conversations=conversations,
        start=start,
        days=days,
        cause_rates=cause_rates,
        intent_failure=intent_failure,
        escalation_shift=escalation_shift,
        abandonment_shift=abandonment_shift,
        prompt_version=prompt_version,
        id_prefix=id_prefix,
        holdout=holdout,
        formats=formats,
        layout=_lumen_layout,
        format_weights={"openai": 0.4, "anthropic": 0.4, "csv": 0.2},
    )


COMMITTED = {"seed": 7, "conversations": 600}  # examples/support-agent/exports was written with these


def main(
    argv: Sequence[str] | None = None,
    gen: Callable[..., GroundTruth] = generate,
    prog: str = "generator.py",
    defaults: dict[str, Any] | None = None,
    description: str | None = __doc__,
) -> int:
    """The command line of both generators; options left out keep the generator's own defaults."""
    defaults = defaults or COMMITTED
    p = argparse.ArgumentParser(
        prog=prog, description=description, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("--out", type=Path, required=True, help="repo dir; exports go to OUT/exports/")
    p.add_argument("--seed", type=int, default=defaults["seed"])
    p.add_argument("--conversations", type=int, default=defaults["conversations"])
    p.add_argument("--start", type=date.fromisoformat, default=None, help="first day, YYYY-MM-DD")
    p.add_argument("--days", type=int, default=None)
    p.add_argument("--prompt-version", default=None)
    p.add_argument("--id-prefix", default=None)
    p.add_argument("--holdout", action="store_true", help="use the held-back phrasings")
    p.add_argument("--fix", action="append", default=[], metavar="CAUSE", help="plant CAUSE at rate 0")
    p.add_argument("--ground-truth", type=Path, default=None, help="default: OUT/ground_truth.json")
    a = p.parse_args(argv)
    optional = {
        "start": a.start,
        "days": a.days,
        "prompt_version": a.prompt_version,
        "id_prefix": a.id_prefix,
    }
    gt = gen(
        a.out,
        seed=a.seed,
        conversations=a.conversations,
        holdout=a.holdout,
        cause_rates={c: 0.0 for c in a.fix} or None,
        **{k: v for k, v in optional.items() if v is not None},
    )
    write_ground_truth(gt, a.ground_truth or a.out / "ground_truth.json")
    n = sum(len(v) for v in gt.intents.values())
    print(
        f"{n} conversations, causes: "
        + ", ".join(f"{k}={len(v)}" for k, v in gt.causes.items())
        + f", {len(gt.pii)} PII strings, {len(gt.malformed)} malformed lines"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
