"""Shared by the Anthropic tests: the SDK's own waits between retries, recorded instead of slept."""

from __future__ import annotations

import time

import pytest


@pytest.fixture
def sdk_sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Every wait the anthropic SDK asked for between its retries (it calls `time.sleep` itself)."""
    waits: list[float] = []
    monkeypatch.setattr(time, "sleep", waits.append)
    return waits
