"""One glob rule: the files the analysis reads are exactly the files whose push makes the App analyze."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from agentmend.app.proposals import push_touches
from agentmend.conversations.selection import export_index, glob_match
from agentmend.conversations.sources import files_from_listing, files_in_dir
from agentmend.repo_config import parse_config

# (glob in the config, a file a push changed, whether the analysis reads it and the push is analyzed)
ROWS = [
    ("exports/*.jsonl", "exports/a.jsonl", True),
    ("exports/*.jsonl", "exports/old/a.jsonl", False),  # `*` stays in one folder (the App used to analyze)
    ("./exports/*.jsonl", "exports/a.jsonl", True),  # `./` is the repo root (the App used to skip it)
    ("./exports/**/*.jsonl", "exports/old/a.jsonl", True),
    ("exports/*.jsonl", "exports/a.jsonl.gz", False),
    ("exports/*.jsonl", "other/exports/a.jsonl", False),
    ("*.jsonl", "a.jsonl", True),
    ("*.jsonl", "exports/a.jsonl", False),  # anchored at the root (the App used to analyze)
    ("exports/**/*.jsonl", "exports/a.jsonl", True),
    ("exports/**/*.jsonl", "exports/2026/11/a.jsonl", True),
    ("**/*.jsonl", "deep/er/a.jsonl", True),
    ("exports/**", "exports/old/a.jsonl", True),
    ("exports/", "exports/a.jsonl", True),  # a folder: everything below (the analysis used to read nothing)
    ("exports/", "exports/old/a.jsonl", True),
    ("exports/", "exports-old/a.jsonl", False),
    ("exports", "exports/a.jsonl", False),  # files only without the slash (the App used to analyze)
    ("exports/a.jsonl", "exports/a.jsonl", True),
    ("exports/day-?.csv", "exports/day-1.csv", True),
    ("exports/day-?.csv", "exports/day-10.csv", False),
    ("exports/*.json[l]", "exports/a.jsonl", True),
    ("exports/[!a]*.jsonl", "exports/a.jsonl", False),
    ("exports/[!a]*.jsonl", "exports/b.jsonl", True),
]


def _push(path: str) -> dict[str, object]:
    return {"commits": [{"id": "1", "added": [path], "modified": [], "removed": []}]}


@pytest.mark.parametrize(("glob", "path", "expected"), ROWS)
def test_the_app_analyzes_a_push_exactly_when_the_analysis_reads_the_file_it_changed(
    tmp_path: Path, glob: str, path: str, expected: bool
) -> None:
    config = parse_config(f"version: 1\nexports:\n  - path: {json.dumps(glob)}\n")
    (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / path).write_bytes(b"{}\n")
    (tmp_path / "README.md").write_bytes(b"# not an export\n")

    working_copy = [f.name for f in files_in_dir(tmp_path, config)]
    listing = [f.name for f in files_from_listing([path, "README.md"], lambda _: b"{}\n", config)]
    analyzed = push_touches(_push(path), [e.path for e in config.exports if e.path])

    assert (working_copy, listing, analyzed) == ([path] * expected, [path] * expected, expected)


def test_a_leading_dot_slash_on_a_path_is_the_repo_root() -> None:
    assert glob_match("exports/*.jsonl", "./exports/a.jsonl")
    assert glob_match("./exports/*.jsonl", "./exports/a.jsonl")


def test_a_file_belongs_to_the_first_export_whose_glob_matches_it() -> None:
    globs = [None, "exports/*.csv", "exports/**", "exports/*.csv"]  # None: a `url:` export
    assert export_index("exports/a.csv", globs) == 1
    assert export_index("exports/a.jsonl", globs) == 2
    assert export_index("README.md", globs) is None
