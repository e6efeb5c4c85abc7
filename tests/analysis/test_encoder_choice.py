"""One encoder for every entry point: the CLI's analyze and watch and the App's worker all get it from
`default_embedder()`, and what that returns is the int8 MiniLM, close to the torch fp32 reference."""

from __future__ import annotations

import hashlib
import json
import subprocess
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

import agentmend.analysis.embed as embed
from agentmend.analysis import onnx_encoder
from agentmend.cli import app


class HashEmbedder:
    """Deterministic stand-in: a unit vector per text, from its digest."""

    name = "test-hash-16"

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        rows = [np.frombuffer(hashlib.sha256(t.encode()).digest()[:16], dtype=np.uint8) for t in texts]
        vecs = np.asarray(rows, dtype=np.float32).reshape(len(texts), 16) + 1.0
        return vecs / np.linalg.norm(vecs, axis=1, keepdims=True)


def _repo(root: Path) -> Path:
    (root / ".github").mkdir(parents=True)
    (root / ".github" / "agentmend.yml").write_text('version: 1\nexports:\n  - path: "exports/*.jsonl"\n')
    (root / "exports").mkdir()
    lines = [
        {
            "id": f"c{i}",
            "messages": [
                {"role": "user", "content": f"how do I export invoice {i}?"},
                {"role": "assistant", "content": "Open Billing, then Export."},
            ],
        }
        for i in range(4)
    ]
    (root / "exports" / "chat.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines))
    env = {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@t",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@t",
    }
    (root / "prompts").mkdir()
    (root / "prompts" / "system.md").write_text("You are a billing assistant.\n")
    steps = (
        ["init", "-q", "-b", "main"],
        ["add", "-A"],
        ["commit", "-q", "-m", "exports"],
        ["checkout", "-q", "-b", "agentmend/cause-export"],
        ["commit", "-q", "-am", "prompt: say where Export is"],
        ["checkout", "-q", "main"],
        ["merge", "-q", "--no-ff", "-m", "merge", "agentmend/cause-export"],
    )
    for args in steps:
        if args[0] == "commit" and "-am" in args:
            (root / "prompts" / "system.md").write_text(
                "You are a billing assistant. Export is under Billing.\n"
            )
        subprocess.run(["git", "-C", str(root), *args], check=True, env={**env, "PATH": "/usr/bin:/bin"})
    return root


def test_cli_analyze_cli_watch_and_the_app_load_the_encoder_from_one_factory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[HashEmbedder] = []

    def factory() -> HashEmbedder:
        made.append(HashEmbedder())
        return made[-1]

    monkeypatch.setattr(embed, "default_embedder", factory)
    repo = _repo(tmp_path / "agent")
    db = f"sqlite:///{tmp_path / 'state.db'}"
    out = tmp_path / "report.json"

    result = CliRunner().invoke(app, ["analyze", str(repo), "--db", db, "--json", str(out)])
    assert result.exit_code == 0, result.output
    assert len(made) == 1
    assert json.loads(out.read_text())["run"]["embedded"]["new"] > 0  # it embedded with that encoder

    watched = CliRunner().invoke(app, ["watch", str(repo), "--change", "agentmend/cause-export", "--db", db])
    assert "neither an agentmend branch" not in watched.output, watched.output
    assert len(made) == 2  # the watch loaded it too (whatever it then concluded about this change)

    from agentmend.app.context import default_context
    from agentmend.settings import Settings

    context = default_context(Settings(data_dir=tmp_path / "app"))
    assert context.embedder.inner is made[-1] and len(made) == 3


def test_the_default_encoder_is_the_int8_minilm_and_agrees_with_torch_fp32(embedder: embed.Embedder) -> None:
    chosen = embed.default_embedder()
    assert chosen.name == onnx_encoder.NAME
    texts = [
        "I can't choose a seat on my flight to Rome",
        "how much checked baggage can I bring?",
        "do I need a visa for Japan with a US passport",
        "cancel my booking and refund me",
        "the app keeps crashing when I open my invoices",
    ]
    fast, reference = chosen.encode(texts), embed._normalise(embedder.encode(texts))
    assert fast.dtype == np.float32 and fast.shape == (5, 384)
    cosine = (fast * reference).sum(axis=1)
    assert cosine.min() >= 0.95, cosine
    # Nearest neighbours agree: each text is most similar to itself across the two encoders.
    assert (np.argmax(fast @ reference.T, axis=1) == np.arange(5)).all()
