"""The analysis loop: read → embed (cached) → signals → intents → failure causes → report.

Knows nothing about GitHub: it takes export files, a config and a state database, and returns records.
"""

from __future__ import annotations

import hashlib
import json
import math
import time
from collections.abc import Callable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from agentmend.analysis import causes as causes_step
from agentmend.analysis import cluster as clustering
from agentmend.analysis import diagnose, facets, incremental, labels, mechanism, merit, request, stable_ids
from agentmend.analysis.embed import Embedder, VectorLookup, cached
from agentmend.analysis.judge import judge_of
from agentmend.analysis.memory import AnalysisMemory, Kind, RunSummary
from agentmend.analysis.parts import DEFAULT_PARTS, Parts
from agentmend.analysis.records import (
    AnalysisReport,
    ConversationResult,
    FailureCluster,
    Intent,
    Outcome,
    RunInfo,
)
from agentmend.conversations.model import Conversation, Malformed
from agentmend.conversations.redact import redactor
from agentmend.repo_config import RepoConfig

if TYPE_CHECKING:
    from agentmend.analysis.detection import Targets
    from agentmend.conversations.sources import Download, ExportFile
    from agentmend.models.base import Model


class Progress(Protocol):
    """Progress sink: `step` is "reading", "embedding" or "clustering"; `total` is None when unknown."""

    def __call__(self, step: str, done: int, total: int | None) -> None: ...


def _no_progress(step: str, done: int, total: int | None) -> None:
    return None


@dataclass
class _Timer:
    timings: dict[str, float]

    def step(self, name: str, start: float) -> float:
        now = time.perf_counter()
        self.timings[name] = round(now - start, 3)
        return now


def run_id(conversations: Sequence[Conversation], config: RepoConfig) -> str:
    """Same conversations + same config → same run id, so a re-run is recognisable."""
    h = hashlib.sha256(config.model_dump_json().encode())
    for c in sorted(conversations, key=lambda c: c.id):
        h.update(f"\x00{c.id}\x01{len(c.turns)}".encode())
    return f"run-{h.hexdigest()[:12]}"


def read(
    files: Sequence[ExportFile], strict: bool, progress: Progress
) -> tuple[list[Conversation], list[Malformed]]:
    """Read every file; a second conversation with an id already seen is reported, not merged."""
    from agentmend.conversations.readers import read_all

    convs: list[Conversation] = []
    malformed: list[Malformed] = []
    seen: dict[str, str] = {}
    for item in read_all(files, strict=strict):
        if isinstance(item, Malformed):
            malformed.append(item)
            continue
        if item.id in seen:
            file, _, line = item.source.rpartition(":")
            malformed.append(
                Malformed(
                    file or item.source,
                    int(line) if line.isdigit() else 0,
                    f"duplicate conversation id {item.id!r} (first seen at {seen[item.id]}); skipped",
                )
            )
            continue
        seen[item.id] = item.source
        convs.append(item)
        if len(convs) % 100 == 0:
            progress("reading", len(convs), None)
    progress("reading", len(convs), len(convs))
    return convs, malformed


def analyze(
    files: Sequence[ExportFile],
    config: RepoConfig,
    *,
    memory: AnalysisMemory,
    repo_key: str,
    embedder: Embedder,
    model: Model | None = None,
    strict: bool = False,
    progress: Progress | None = None,
    now: datetime | None = None,
    targets: Targets | None = None,
    parts: Parts = DEFAULT_PARTS,
) -> AnalysisReport:
    """Run the whole analysis on `files`; cluster ids, caches and the run go to `memory`."""
    progress = progress or _no_progress
    started = now or datetime.now(UTC)
    timer = _Timer({})
    t = time.perf_counter()

    conversations, malformed = read(files, strict, progress)
    t = timer.step("read", t)
    return analyze_conversations(
        conversations,
        config,
        memory=memory,
        repo_key=repo_key,
        embedder=embedder,
        model=model,
        malformed=malformed,
        files=tuple(f.name for f in files),
        progress=progress,
        started=started,
        timings=timer.timings,
        targets=targets,
        parts=parts,
    )


def analyze_conversations(
    conversations: Sequence[Conversation],
    config: RepoConfig,
    *,
    memory: AnalysisMemory,
    repo_key: str,
    embedder: Embedder,
    model: Model | None = None,
    malformed: Sequence[Malformed] = (),
    files: tuple[str, ...] = (),
    progress: Progress | None = None,
    started: datetime | None = None,
    timings: dict[str, float] | None = None,
    targets: Targets | None = None,
    parts: Parts = DEFAULT_PARTS,
    facet_cache: MutableMapping[str, str] | None = None,
) -> AnalysisReport:
    """The loop after reading, for callers that already hold Conversation records. With a model that
    writes facets (`facets.FacetWriter`), failures are clustered on its facets (cached in `facet_cache`
    by content when given) and the report's `diagnosis_path` says so."""
    from agentmend.analysis.detection import run_detection
    from agentmend.analysis.signals import failing_request

    progress = progress or _no_progress
    started = started or datetime.now(UTC)
    timer = _Timer(dict(timings or {}))
    t = time.perf_counter()
    redact = redactor(config)

    # Embed every user turn once, in one batch, through the cache.
    cache = cached(embedder, memory.vectors)
    new0, cached0 = cache.new, cache.cached
    texts = list(
        dict.fromkeys(tt.text for c in conversations for tt in c.turns if tt.role == "user" and tt.text)
    )
    done = 0

    def on_batch(n: int) -> None:
        nonlocal done
        done += n
        progress("embedding", done, len(texts))

    previous_hook, cache.on_batch = cache.on_batch, on_batch
    progress("embedding", 0, len(texts))
    vector_of = VectorLookup(cache, texts)
    cache.on_batch = previous_hook
    progress("embedding", len(texts), len(texts))
    t = timer.step("embed", t)

    judge = judge_of(model)
    detection = run_detection(
        conversations,
        config,
        vector_of=vector_of,
        targets=targets,
        judge=judge,
        cache=memory.verdicts if judge is not None else None,
        memory=memory.rule_outcomes,
        encoder=cache.name,
    )
    outcomes = list(detection.outcomes)
    t = timer.step("signals", t)
    rid = run_id(conversations, config)
    failed_total = sum(o.failed for o in outcomes)
    overall_rate = failed_total / len(conversations) if conversations else 0.0

    namer = _namer(parts, model)
    writer = model if isinstance(model, facets.FacetWriter) and model.path != "offline" else None
    progress("clustering", 0, 2)
    topics = [request.topic(c) for c in conversations]  # what each user came for, read once
    ctx = _Context(
        conversations, topics, outcomes, vector_of, config, memory, repo_key, rid, parts, namer, redact
    )
    intents, intent_of, unplaced = _intents(ctx)
    progress("clustering", 1, 2)
    t = timer.step("intents", t)
    causes, cause_of, noise_ids = _causes(
        ctx, failing_request, intents, intent_of, overall_rate, writer, facet_cache
    )
    progress("clustering", 2, 2)
    t = timer.step("causes", t)

    results = tuple(
        ConversationResult(
            id=c.id,
            failed=o.failed,
            signals=o.signal_names,
            failing_turn=o.failing_turn,
            intent_id=intent_of.get(c.id),
            cluster_id=cause_of.get(c.id),
            day=c.day,
            started_at=c.started_at,
            user_id=c.user_id,
            turns=len(c.turns),
            source=c.source,
            metadata=c.metadata,
            decided_by=o.decided_by,
            hits=tuple(replace(h, evidence=redact(h.evidence)) for h in o.signals),
        )
        for c, o in zip(conversations, outcomes, strict=True)
    )
    run = RunInfo(
        id=rid,
        started_at=started,
        files=files,
        conversations=len(conversations),
        failed=failed_total,
        malformed=tuple(malformed),
        embedded_new=cache.new - new0,
        embedded_cached=cache.cached - cached0,
        timings=timer.timings,
        model_path=getattr(model, "path", "offline") if model is not None else "offline",
        diagnosis_path=f"facets:{writer.path}" if writer is not None else "offline",
        parts=parts.describe(
            getattr(embedder, "name", type(embedder).__name__),
            "custom" if parts.namer else (getattr(model, "path", "offline") if model else "keywords"),
        ),
    )
    report = AnalysisReport(
        run=run,
        conversations=results,
        intents=intents,
        clusters=causes,
        noise_ids=noise_ids,
        detection=detection,
        intent_noise_ids=unplaced,
    )
    memory.runs.record(
        RunSummary(rid, repo_key, started, json.dumps(summary(report), sort_keys=True))
    )
    return report


def _namer(parts: Parts, model: Model | None) -> Callable[[tuple[str, ...], tuple[str, ...]], str | None]:
    if parts.namer is not None:
        return parts.namer
    if model is None:
        return lambda keywords, examples: None
    return model.name_cluster


def _name(
    namer: Callable[[tuple[str, ...], tuple[str, ...]], str | None],
    kw: tuple[str, ...],
    examples: tuple[str, ...],
) -> str | None:
    name = namer(kw, examples)
    return name.strip() if name and name.strip() else None


@dataclass(frozen=True)
class _Context:
    """What the intent and cause steps of one run share."""

    conversations: Sequence[Conversation]
    topics: Sequence[str]  # `request.topic` of each conversation
    outcomes: Sequence[Outcome]
    vector_of: VectorLookup
    config: RepoConfig
    memory: AnalysisMemory
    repo_key: str
    run_id: str
    parts: Parts
    namer: Callable[[tuple[str, ...], tuple[str, ...]], str | None]
    redact: Callable[[str], str]


def _intents(ctx: _Context) -> tuple[tuple[Intent, ...], dict[str, str], tuple[str, ...]]:
    """Cluster what users came for (`topics`: `request.topic` of each conversation)."""
    conversations, topics, outcomes, vector_of = ctx.conversations, ctx.topics, ctx.outcomes, ctx.vector_of
    config, parts, namer, redact = ctx.config, ctx.parts, ctx.namer, ctx.redact
    idx = [i for i, tx in enumerate(topics) if tx.strip()]
    if not idx:
        return (), {}, ()
    texts = [topics[i] for i in idx]
    keys = [clustering.request_key(t) for t in texts]
    vector_of.ensure(texts)
    vecs = np.stack([vector_of(tx) for tx in texts])
    result = incremental.cluster_or_assign(
        ctx.memory.fits,
        ctx.repo_key,
        "intent",
        [conversations[i].id for i in idx],
        vecs,
        lambda: clustering.intents(vecs, config.clustering, parts.reducer, parts.clusterer, keys),
        cfg=config.clustering,
    )
    members = _members(result.labels)
    keywords = _keywords(parts, {k: [texts[j] for j in m] for k, m in members.items()})
    candidates = [
        replace(cand, failure_rate=sum(outcomes[idx[j]].failed for j in members[cand.key]) / cand.size)
        for cand in _candidates(result, vecs, members, texts, keywords)
    ]
    ids = _assign_ids("intent", candidates, ctx)
    ctx.memory.clusters.remember(
        ctx.repo_key, "intent", ctx.run_id, stable_ids.remembered(candidates, ids)
    )

    intents: list[Intent] = []
    intent_of: dict[str, str] = {}
    for k, m in members.items():
        convs = [conversations[idx[j]] for j in m]
        outs = [outcomes[idx[j]] for j in m]
        kw = keywords[k]
        examples = tuple(_clip_redacted(texts[j], redact) for j in clustering.medoids(vecs, result.labels, k))
        name = _name(namer, kw, examples)
        intents.append(
            Intent(
                id=ids[k].id,
                label=name or labels.label_from(kw),
                keywords=kw,
                category=labels.category(kw, [texts[j] for j in m], outs),
                size=len(m),
                failed=sum(o.failed for o in outs),
                daily=diagnose.daily([c.day for c in convs], [o.failed for o in outs]),
                centroid=tuple(float(x) for x in result.centroids[k]),
                name=name,
            )
        )
        for c in convs:
            intent_of[c.id] = ids[k].id
    intents.sort(key=lambda i: (-i.size, i.id))
    unplaced = tuple(sorted(conversations[idx[j]].id for j in result.noise))
    return tuple(intents), intent_of, unplaced


def _neighbourhood_rate(
    members: Sequence[Conversation],
    population: Sequence[Conversation],
    outcome_of: Mapping[str, Outcome],
    topic_of: Mapping[str, str],
    vector_of: VectorLookup,
    fallback: float,
) -> float:
    """`diagnose.neighbourhood_rate` over the conversations' topics (the texts the intents were built on;
    every member of an intent has one); `fallback` (the intent's rate) when no member has a topic."""
    placed = [t for t in (topic_of[c.id] for c in members) if t.strip()]
    if not placed or not population:
        return fallback
    failed = np.array([outcome_of[c.id].failed for c in population], dtype=bool)
    pop = np.stack([vector_of(topic_of[c.id]) for c in population])
    return diagnose.neighbourhood_rate(np.stack([vector_of(t) for t in placed]), pop, failed)


def _causes(
    ctx: _Context,
    failing_request: Callable[[Conversation, Outcome], str],
    intents: Sequence[Intent],
    intent_of: dict[str, str],
    overall_rate: float,
    facet_writer: facets.FacetWriter | None = None,
    facet_cache: MutableMapping[str, str] | None = None,
) -> tuple[tuple[FailureCluster, ...], dict[str, str], tuple[str, ...]]:
    """Group the failed conversations by what the user wanted × how the agent failed (`causes.group`)."""
    conversations, topics, outcomes, vector_of = ctx.conversations, ctx.topics, ctx.outcomes, ctx.vector_of
    config, parts, namer, redact = ctx.config, ctx.parts, ctx.namer, ctx.redact
    failed = [i for i, o in enumerate(outcomes) if o.failed]
    # The failing request without its greeting or ids (the raw text when nothing topical is left).
    # The failing request without its greeting or ids; the conversation's topic when nothing topical is
    # left ("hi, I need help" names no need).
    requests = [
        request.topic_of_text(failing_request(conversations[i], outcomes[i])) or topics[i] for i in failed
    ]
    keep = [j for j, r in enumerate(requests) if r.strip() or topics[failed[j]].strip()]
    failed = [failed[j] for j in keep]
    requests = [requests[j] or topics[failed[n]] for n, j in enumerate(keep)]
    kept = set(failed)
    no_text = [conversations[i].id for i, o in enumerate(outcomes) if o.failed and i not in kept]
    if not failed:
        return (), {}, tuple(no_text)
    convs_f = [conversations[i] for i in failed]
    outs_f = [outcomes[i] for i in failed]
    # What the user actually wrote (redacted later), for the examples a reviewer reads.
    said = [failing_request(c, o) or r for c, o, r in zip(convs_f, outs_f, requests, strict=True)]
    answers = [
        diagnose.answer_to(c, r, o.failing_turn) or mechanism.failing_reply(c, o)
        for c, o, r in zip(convs_f, outs_f, requests, strict=True)
    ]
    opening = [topics[i] or r for i, r in zip(failed, requests, strict=True)]
    wanted = list(opening)
    if facet_writer is not None:
        # With a model, its facet ("what the user wanted; what went wrong") stands for the user's words.
        from agentmend.conversations.injection import injection_suspects

        excerpts = [
            f"User came for: {_clip_redacted(o, redact)}\n{diagnose.example(r, a, redact)}"
            for o, r, a in zip(opening, requests, answers, strict=True)
        ]
        written = facets.write_facets(
            excerpts,
            facet_writer,
            facet_cache if facet_cache is not None else {},
            suspicious=lambda t: bool(injection_suspects(t)),
        )
        wanted = [f or o for f, o in zip(written, opening, strict=True)]
    vector_of.ensure([*wanted, *requests, *[a for a in answers if a]])
    zero = np.zeros_like(vector_of(requests[0]))
    answer_vecs = np.stack([vector_of(a) if a else zero for a in answers])
    request_vecs = np.stack(
        [cause_vector(vector_of(w), vector_of(r), None) for w, r in zip(wanted, requests, strict=True)]
    )
    vecs = np.stack(
        [
            cause_vector(vector_of(w), vector_of(r), a)
            for w, r, a in zip(wanted, requests, answer_vecs, strict=True)
        ]
    )
    items = [
        causes_step.FailedItem(
            intent=intent_of.get(c.id),
            mechanism=mechanism.mechanism_of(c, o, a),
            steps=mechanism.steps_of(c, o),
        )
        for c, o, a in zip(convs_f, outs_f, answers, strict=True)
    ]
    cc = config.clustering
    min_size = max(cc.cause_min_size, math.ceil(cc.cause_min_share * len(failed)))
    groups = causes_step.group(
        items,
        request_vecs,
        answer_vecs,
        min_size=min_size,
        request_merge=cc.cause_merge_similarity,
        answer_merge=cc.cause_answer_merge_similarity,
    )
    result = clustering.Clustering(labels=groups.labels, centroids=clustering.centroids(vecs, groups.labels))
    members = _members(result.labels)
    # Keywords from the user's words only: the assistant's apologies would drown the topic.
    user_words = [o if o == r else f"{o} {r}" for o, r in zip(opening, requests, strict=True)]
    keywords = _keywords(parts, {k: [user_words[j] for j in m] for k, m in members.items()})
    by_intent = {i.id: i for i in intents}
    outcome_of = {c.id: o for c, o in zip(conversations, outcomes, strict=True)}
    topic_of = {c.id: t for c, t in zip(conversations, topics, strict=True)}
    population_of: dict[str, list[Conversation]] = {}
    for c in conversations:
        if c.id in intent_of:
            population_of.setdefault(intent_of[c.id], []).append(c)

    candidates = [
        replace(cand, slug=labels.slugify((groups.mechanisms[cand.key].label, *keywords[cand.key])))
        for cand in _candidates(result, vecs, members, requests, keywords)
    ]
    ids = _assign_ids("cause", candidates, ctx)

    built: list[FailureCluster] = []
    cause_of: dict[str, str] = {}
    final_candidates = []
    for cand in candidates:
        k, m = cand.key, members[cand.key]
        mech = groups.mechanisms[k]
        convs = [convs_f[j] for j in m]
        outs = [outs_f[j] for j in m]
        intent_id = diagnose.majority([items[j].intent for j in m])
        intent = by_intent.get(intent_id) if intent_id else None
        intent_rate = intent.failure_rate if intent else overall_rate
        local_rate = (
            _neighbourhood_rate(
                convs, population_of.get(intent_id, []), outcome_of, topic_of, vector_of, intent.failure_rate
            )
            if intent_id and intent
            else overall_rate
        )
        reps = _representatives(
            vecs,
            result,
            k,
            [causes_step.fails_by(groups.item_mechanisms[j], it.steps, mech) for j, it in enumerate(items)],
        )
        examples = tuple(diagnose.example(said[j], answers[j], redact) for j in reps)
        kw = keywords[k]
        name = _name(namer, kw, examples)
        population = population_of.get(intent_id, []) if intent_id else list(conversations)
        built.append(
            FailureCluster(
                id=ids[k].id,
                slug=ids[k].slug,
                label=name or f"{mech.label} — {labels.label_from(kw)}",
                keywords=kw,
                size=len(m),
                intent_id=intent_id,
                intent_failure_rate=intent_rate,
                overall_failure_rate=overall_rate,
                lift=diagnose.lift(local_rate, overall_rate),
                drop_off=sum(diagnose.dropped_off(c, o) for c, o in zip(convs, outs, strict=True)) / len(m),
                signals=diagnose.signal_counts(outs),
                conversation_ids=tuple(convs_f[j].id for j in reps),
                member_ids=tuple(sorted(c.id for c in convs)),
                examples=examples,
                unique_users=diagnose.unique_users(convs),
                daily=diagnose.cause_daily(convs, population),
                centroid=tuple(float(x) for x in result.centroids[k]),
                name=name,
                mechanism=mech.label,
                mechanism_kind=mech.kind,
                specificity=mech.specificity,
                coherence=round(
                    causes_step.coherence(
                        [groups.item_mechanisms[j] for j in m], mech, [items[j].steps for j in m]
                    ),
                    4,
                ),
                answer_spread=int(np.median(groups.spread[m])),
            )
        )
        final_candidates.append(replace(cand, label=built[-1].label, failure_rate=intent_rate))
        for c in convs:
            cause_of[c.id] = ids[k].id
    ctx.memory.clusters.remember(
        ctx.repo_key, "cause", ctx.run_id, stable_ids.remembered(final_candidates, ids)
    )
    verdicts = merit.assess(built, config)
    done = [replace(c, proposal=verdicts[c.id]) for c in built]
    noise = sorted([convs_f[j].id for j in np.flatnonzero(result.labels == clustering.NOISE)] + no_text)
    done.sort(key=lambda c: (-c.size, c.id))
    return tuple(done), cause_of, tuple(noise)


def _representatives(
    vecs: np.ndarray, result: clustering.Clustering, label: int, shows_mechanism: Sequence[bool], k: int = 3
) -> list[int]:
    """Members that failed by the cause's own mechanism first, then the most central: the conversations a
    reviewer opens should show how the agent failed, not only what the user asked."""
    idx = np.flatnonzero(result.labels == label)
    cent = result.centroids[label]
    order = sorted(idx.tolist(), key=lambda j: (not shows_mechanism[j], -float(vecs[j] @ cent), j))
    return order[:k]


def cause_vector(opening: np.ndarray, request: np.ndarray, answer: np.ndarray | None) -> np.ndarray:
    """What a failure is about: what the user wanted (topic), the request the assistant failed (the moment)
    and, for the centroid a cause keeps across runs, its answer; averaged and normalised."""
    total = np.asarray(opening + request + (answer if answer is not None else 0.0), dtype=np.float32)
    norm = float(np.linalg.norm(total))
    return total / norm if norm else total


def _keywords(parts: Parts, docs: dict[int, list[str]]) -> dict[int, tuple[str, ...]]:
    """Keywords become labels, PR titles and branch names: whatever labeler runs sees redacted words only,
    without ids and booking references (`request.strip_ids`), which name no topic."""
    return parts.labeler({k: [request.strip_ids(t) for t in texts] for k, texts in docs.items()})


def _candidates(
    result: clustering.Clustering,
    vecs: np.ndarray,
    members: dict[int, list[int]],
    texts: Sequence[str],
    keywords: dict[int, tuple[str, ...]],
) -> list[stable_ids.Candidate]:
    """One id candidate per cluster: its centroid, medoid text, and a slug and label from its keywords."""
    return [
        stable_ids.Candidate(
            key=k,
            centroid=result.centroids[k],
            medoid_text=texts[clustering.medoids(vecs, result.labels, k, k=1)[0]],
            slug=labels.slugify(keywords[k]),
            label=labels.label_from(keywords[k]),
            size=len(m),
        )
        for k, m in members.items()
    ]


def _assign_ids(
    kind: Kind, candidates: list[stable_ids.Candidate], ctx: _Context
) -> dict[int, stable_ids.Assigned]:
    known = ctx.memory.clusters.known(ctx.repo_key, kind)
    return stable_ids.assign(kind, candidates, known, ctx.config.clustering.id_match_similarity)


def _members(labels_: np.ndarray) -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for j, label in enumerate(labels_):
        if label != clustering.NOISE:
            out.setdefault(int(label), []).append(j)
    return out


def _clip_redacted(text: str, redact: Callable[[str], str]) -> str:
    text = " ".join(redact(text).split())
    return text if len(text) <= diagnose.EXAMPLE_CHARS else text[: diagnose.EXAMPLE_CHARS - 1] + "…"


def summary(report: AnalysisReport) -> dict[str, Any]:
    """The small summary kept in the `runs` table (the full report is the JSON file)."""
    return {
        "conversations": report.run.conversations,
        "failed": report.run.failed,
        "malformed": len(report.run.malformed),
        "intents": [{"id": i.id, "size": i.size, "failed": i.failed} for i in report.intents],
        "causes": [
            {
                "id": c.id,
                "slug": c.slug,
                "size": c.size,
                "lift": round(c.lift, 4),
                "members": list(c.member_ids),
            }
            for c in report.clusters
        ],
        "noise": len(report.noise_ids),
    }


def analyze_dir(
    root: Path,
    config: RepoConfig,
    *,
    memory: AnalysisMemory,
    embedder: Embedder,
    repo_key: str | None = None,
    model: Model | None = None,
    strict: bool = False,
    progress: Progress | None = None,
    now: datetime | None = None,
    linked: Download | None = None,
    parts: Parts = DEFAULT_PARTS,
) -> AnalysisReport:
    """Analyse a working copy: every export its config names by glob, and its linked URLs through
    `linked` when given."""
    from agentmend.analysis.detection import read_targets
    from agentmend.conversations.sources import files_in_dir, linked_files

    files: list[ExportFile] = list(files_in_dir(root, config))
    if linked is not None:
        files.extend(linked_files(config, linked))
    return analyze(
        files,
        config,
        memory=memory,
        repo_key=repo_key or str(root.resolve()),
        embedder=embedder,
        model=model,
        strict=strict,
        progress=progress,
        now=now,
        targets=read_targets(config, lambda path: _read_inside(root, path)),
        parts=parts,
    )


def _read_inside(root: Path, path: str) -> bytes | None:
    """A target file's bytes, only when it resolves inside the analysed tree."""
    base = root.resolve()
    target = (base / path).resolve()
    if not target.is_relative_to(base) or not target.is_file():
        return None
    return target.read_bytes()
