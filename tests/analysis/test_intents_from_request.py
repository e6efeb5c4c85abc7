"""Intents come from what users asked for, not from how they greeted: real model, real UMAP/HDBSCAN."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from agentmend.analysis.embed import SentenceEmbedder
from agentmend.analysis.memory import in_memory, looking_back
from agentmend.analysis.pipeline import analyze_conversations
from agentmend.conversations.model import Conversation, Turn
from agentmend.repo_config import RepoConfig
from agentmend.store.analysis_memory import sql_memory
from agentmend.store.db import open_engine

pytestmark = pytest.mark.slow
CONFIG = RepoConfig.model_validate({"version": 1, "exports": [{"path": "exports/*.jsonl"}]})

GREETINGS = [
    "Hi!",
    "hello there",
    "Hey, I need some help",
    "Good morning, quick question",
    "hi hi",
    "Hello, hope you can help me",
    "hey team",
    "Hi, I have a question",
]
TOPICS = {
    "refund": [
        "can I get a refund for my annual plan?",
        "I was charged for a full year and want my money back",
        "please refund the yearly subscription we renewed by mistake",
        "how do I get reimbursed for the annual renewal",
        "refund the annual charge from last week please",
    ],
    "export": [
        "how do I export my tasks to a CSV file?",
        "is there a way to download all projects as a spreadsheet",
        "I need an Excel export of our task list",
        "export the board to csv",
        "can I get my data out as a CSV",
    ],
    "password": [
        "my password reset link has expired",
        "the reset email link says it is no longer valid",
        "I can't log in, the password reset link doesn't work",
        "password reset keeps failing with an expired link",
        "how do I reset my password, the link is dead",
    ],
}


def _conversations() -> tuple[list[Conversation], dict[str, str]]:
    convs, truth = [], {}
    greet = itertools.cycle(GREETINGS)
    for topic, phrasings in TOPICS.items():
        for n in range(20):
            cid = f"{topic}-{n}"
            turns = (
                Turn(0, "user", next(greet)),
                Turn(1, "assistant", "Hello! How can I help you today?"),
                Turn(2, "user", phrasings[n % len(phrasings)] + ("" if n < 5 else f" (ticket {1000 + n})")),
                Turn(3, "assistant", "Here is how to do that: open Settings and follow the steps."),
                Turn(4, "user", "thanks, that worked"),
            )
            convs.append(Conversation(cid, turns, f"test:{n}"))
            truth[cid] = topic
    return convs, truth


def test_a_greeting_first_corpus_gets_one_intent_per_topic(
    embedder: SentenceEmbedder, tmp_path: Path
) -> None:
    convs, truth = _conversations()
    report = analyze_conversations(
        convs,
        CONFIG,
        memory=sql_memory(open_engine(f"sqlite:///{tmp_path / 's.db'}")),
        embedder=embedder,
        repo_key="r",
    )
    labels = [i.label for i in report.intents]
    assert len(report.intents) == len(TOPICS), labels
    assert not any(word in label.split() for label in labels for word in ("hi", "hello", "hey", "help")), (
        labels
    )
    by_intent: dict[str, list[str]] = {}
    for c in report.conversations:
        if c.intent_id:
            by_intent.setdefault(c.intent_id, []).append(truth[c.id])
    for members in by_intent.values():
        top = max(set(members), key=members.count)
        assert members.count(top) / len(members) >= 0.9, members
    placed = sum(len(m) for m in by_intent.values())
    assert placed + len(report.intent_noise_ids) == len(convs), (
        "every conversation has an intent or is reported"
    )


def test_re_analysing_an_older_commit_keeps_the_live_ids_and_fits(embedder: SentenceEmbedder) -> None:
    """A watch re-analyses the merge's parent; the ids the latest run gave must survive that."""
    convs, _ = _conversations()
    memory = in_memory()
    live = analyze_conversations(convs, CONFIG, memory=memory, embedder=embedder, repo_key="r")
    known = {i.id for i in memory.clusters.known("r", "intent")}
    fits = dict(memory.fits.rows)  # type: ignore[attr-defined]
    assert known == {i.id for i in live.intents} and fits

    older = [c for c in convs if not c.id.startswith("export")]  # the parent had no export questions
    then = analyze_conversations(older, CONFIG, memory=looking_back(memory), embedder=embedder, repo_key="r")

    assert {i.id for i in then.intents} <= known  # the same topics under the ids the live run gave them
    assert {i.id for i in memory.clusters.known("r", "intent")} == known
    assert memory.fits.rows == fits  # type: ignore[attr-defined]
