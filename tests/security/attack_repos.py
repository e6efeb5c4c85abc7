"""Crafted repositories for the security tests, and a real `agentmend` process to point at them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import agentmend

SRC = Path(agentmend.__file__).resolve().parents[1]

CONFIG = """version: 1
exports:
  - path: "exports/*.jsonl"
targets:
  - {path: prompts/system.md, kind: system_prompt}
  - {path: agent/tools.yaml, kind: tool_descriptions}
proposals: {min_cluster_size: 5, min_lift: 1.0, max_open_prs: 3}
privacy: {min_unique_users: 2}
"""

PROMPT = "# Support agent\n\nYou help customers of Acme Cloud.\n\n## Escalation\nHand off when asked.\n"
TOOLS = "tools:\n  - name: lookup_invoice\n    description: Look up an invoice by number.\n"

_TOPICS = (
    ("How do I set up SAML single sign-on with Okta?", "SSO can be configured in many ways."),
    ("Where do I download last month's invoice as a PDF?", "Invoices are under Billing > Invoices."),
    ("Can I export all projects to a spreadsheet?", "Sorry, I can't help with that."),
    ("The mobile app crashes when I open a board", "Please refer to our documentation."),
)


def conversations(n: int = 40, prefix: str = "c") -> str:
    """`n` small OpenAI-format conversations over four topics, half of them failing (escalation)."""
    lines = []
    for i in range(n):
        question, answer = _TOPICS[i % len(_TOPICS)]
        messages = [
            {"role": "user", "content": f"{question} (ticket {i})"},
            {"role": "assistant", "content": answer},
        ]
        if i % 2:
            messages.append({"role": "user", "content": "This is useless, let me talk to a human."})
        else:
            messages.append({"role": "user", "content": "Thanks, that worked."})
            messages.append({"role": "assistant", "content": "Glad to help!"})
        lines.append(json.dumps({"id": f"{prefix}{i:03d}", "user_id": f"u{i % 7}", "messages": messages}))
    return "\n".join(lines) + "\n"


def git(root: Path, *args: str) -> str:
    env = {
        "GIT_AUTHOR_NAME": "dev",
        "GIT_AUTHOR_EMAIL": "dev@x",
        "GIT_COMMITTER_NAME": "dev",
        "GIT_COMMITTER_EMAIL": "dev@x",
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(root),
    }
    return subprocess.run(
        ["git", "-C", str(root), *args], check=True, capture_output=True, text=True, env=env
    ).stdout.strip()


def make_repo(root: Path, extra: dict[str, str] | None = None, *, config: str = CONFIG) -> Path:
    """A committed git repo with a prompt, tools, the config and 40 conversations."""
    files = {
        ".github/agentmend.yml": config,
        "prompts/system.md": PROMPT,
        "agent/tools.yaml": TOOLS,
        "exports/conversations.jsonl": conversations(),
        **(extra or {}),
    }
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "agent")
    return root


def run_agentmend(
    *args: str, cwd: Path, env: dict[str, str] | None = None, timeout: float = 600
) -> subprocess.CompletedProcess[str]:
    """A real `agentmend` process. `-P`: the analysed repo (the cwd) is never on sys.path."""
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in ("NUMBA_CACHE_DIR", "PYTHONPATH") and not k.startswith("AGENTMEND_EXPORT")
    }
    base.update(
        PYTHONPATH=str(SRC),
        HF_HUB_OFFLINE="1",
        TRANSFORMERS_OFFLINE="1",
        TOKENIZERS_PARALLELISM="false",
    )
    base.update(env or {})
    return subprocess.run(
        [sys.executable, "-P", "-m", "agentmend", *args],
        cwd=cwd,
        env=base,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
