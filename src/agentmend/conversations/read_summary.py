"""What reading the exports gave, in one line, and whether it is enough to analyse.

A CI step must not pass on an empty analysis, nor on one that silently skipped a large share of the
records: `judge` says which, with the exit code the CLI uses (documented in the README).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from agentmend.conversations.model import Malformed

EXIT_NOTHING_READ = 3
EXIT_TOO_MALFORMED = 4
DEFAULT_MAX_MALFORMED_SHARE = 0.05

_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|\{[^}]*\}")
_NUMBER = re.compile(r"\d+")


def reason_kind(reason: str) -> str:
    """A malformed record's reason without its specifics, so reasons can be counted together."""
    if reason.startswith("duplicate conversation id"):
        return "duplicate conversation id"
    head = re.split(r"[:;,(]", reason, maxsplit=1)[0]
    head = _QUOTED.sub("…", head)
    return _NUMBER.sub("N", head).strip() or reason


@dataclass(frozen=True)
class ReadVerdict:
    summary: str  # one line, always printed
    exit_code: int  # 0 when the analysis may go on
    problem: str | None = None  # what to do when it may not


def judge(files: int, conversations: int, malformed: Sequence[Malformed], max_share: float) -> ReadVerdict:
    records = conversations + len(malformed)
    share = len(malformed) / records if records else 0.0
    kinds = Counter(reason_kind(m.reason) for m in malformed)
    by_reason = ", ".join(f"{n} {kind}" for kind, n in kinds.most_common())
    summary = (
        f"read {files} export file{'s' if files != 1 else ''}: {conversations} conversations, "
        f"{len(malformed)} malformed ({share:.1%})" + (f": {by_reason}" if by_reason else "")
    )
    if conversations == 0:
        why = "no export file matched the config's globs" if files == 0 else "no record could be read"
        return ReadVerdict(summary, EXIT_NOTHING_READ, f"nothing to analyse: {why}")
    if share > max_share:
        return ReadVerdict(
            summary,
            EXIT_TOO_MALFORMED,
            f"{share:.1%} of the records are malformed, over the {max_share:.1%} bound "
            "(exports_policy.max_malformed_share, or --max-malformed); fix the export or raise the bound",
        )
    return ReadVerdict(summary, 0)
