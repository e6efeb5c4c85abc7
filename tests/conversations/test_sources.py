"""Export sources: globs in a working copy and over a forge listing select the same files."""

from __future__ import annotations

import json
from pathlib import Path

from agentmend.conversations.model import Conversation, Malformed
from agentmend.conversations.readers import read_all
from agentmend.conversations.sources import files_from_listing, files_in_dir, linked_files
from agentmend.repo_config import parse_config

CONFIG = parse_config(
    """
version: 1
exports:
  - path: "exports/**/*.jsonl"
  - path: "exports/*.csv"
    format: csv
  - path: "exports/**/*.jsonl"
"""
)


def _repo(tmp_path: Path) -> dict[str, bytes]:
    record = {"id": "x", "messages": [{"role": "user", "content": "hi"}]}
    files = {
        "exports/2026-11/b.jsonl": json.dumps({**record, "id": "b"}).encode() + b"\n",
        "exports/2026-10/a.jsonl": json.dumps({**record, "id": "a"}).encode() + b"\n",
        "exports/turns.csv": b"conversation_id,role,content\nc1,user,hello\n",
        "exports/notes.md": b"# not an export\n",
        "prompts/system.md": b"You are helpful.\n",
    }
    for name, payload in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(payload)
    return files


def test_working_copy_and_listing_select_the_same_sorted_files(tmp_path: Path) -> None:
    files = _repo(tmp_path)
    local = files_in_dir(tmp_path, CONFIG)
    assert [(f.name, f.format) for f in local] == [
        ("exports/2026-10/a.jsonl", "auto"),
        ("exports/2026-11/b.jsonl", "auto"),
        ("exports/turns.csv", "csv"),
    ]
    listed = files_from_listing(sorted(files), files.get, CONFIG)
    assert [(f.name, f.format) for f in listed] == [(f.name, f.format) for f in local]
    ids = [c.id for c in read_all(listed) if isinstance(c, Conversation)]
    assert ids == ["a", "b", "c1"]


def test_a_listed_file_that_cannot_be_read_is_reported(tmp_path: Path) -> None:
    files = files_from_listing(["exports/gone.jsonl"], lambda path: None, CONFIG)
    [bad] = list(read_all(files))
    assert (
        isinstance(bad, Malformed) and bad.file == "exports/gone.jsonl" and "could not be read" in bad.reason
    )


def test_linked_files_fetch_only_when_opened() -> None:
    config = parse_config(
        "version: 1\nexports:\n"
        "  - url: https://exports.example.com/latest.jsonl.gz\n    auth_secret: AGENTMEND_EXPORT_TOKEN\n"
    )
    calls: list[tuple[str, str | None]] = []

    class Recorder:
        def fetch(self, url: str, auth_secret: str | None = None):  # type: ignore[no-untyped-def]
            import io

            calls.append((url, auth_secret))
            return io.BytesIO(b'{"id": "l1", "messages": [{"role": "user", "content": "hi"}]}\n')

    [linked] = linked_files(config, Recorder())  # type: ignore[arg-type]
    assert linked.name == "https://exports.example.com/latest.jsonl.gz" and calls == []
    [conv] = list(read_all([linked]))
    assert isinstance(conv, Conversation) and conv.id == "l1"
    assert calls == [("https://exports.example.com/latest.jsonl.gz", "AGENTMEND_EXPORT_TOKEN")]
