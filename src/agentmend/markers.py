"""Every hidden marker agentmend puts in a PR body or comment is written and read here, and only here.

A marker is one whole line `<!-- agentmend:key=value -->`. In a PR body they form the trailer, the
block of marker lines that ends the text; in a comment, the marker is its first line. Only those places
are read: a marker-looking string anywhere else (an example, the model's words, someone's guidance, all
escaped by `agentmend.markdown` anyway) never counts, and the first match in a body no longer wins.
"""

from __future__ import annotations

import json
import re

from agentmend.markdown import BUDGET, cut

_LINE = re.compile(r"<!-- agentmend:(?P<key>[a-z]+)(?:=(?P<value>[^\n]*?))? -->")
_VALUE = re.compile(r"[^\n<>]*")  # a value cannot end the comment early or span lines
_RUN = re.compile(r";run=[^;]*$")


def line(key: str, value: str | None = None) -> str:
    """One marker line; refuses a value that could close the HTML comment or start a new line."""
    if not re.fullmatch(r"[a-z]+", key):
        raise ValueError(f"marker key {key!r}: lowercase letters only")
    if value is None:
        return f"<!-- agentmend:{key} -->"
    if not _VALUE.fullmatch(value):
        raise ValueError(f"marker {key}: value {value[:40]!r} holds a newline, '<' or '>'")
    return f"<!-- agentmend:{key}={value} -->"


def _parse(ln: str) -> tuple[str, str | None] | None:
    m = _LINE.fullmatch(ln.strip())
    return (m.group("key"), m.group("value")) if m else None


def trailer(body: str) -> dict[str, str]:
    """The markers of a PR body: its closing block of marker lines (blank lines between are allowed)."""
    found: dict[str, str] = {}
    for ln in reversed(body.rstrip().split("\n")):
        if not ln.strip():
            continue
        parsed = _parse(ln)
        if parsed is None:
            break
        key, value = parsed
        found.setdefault(key, value or "")
    return found


def split_trailer(body: str) -> tuple[str, str]:
    """(text, trailer lines) of a PR body."""
    lines = body.rstrip().split("\n")
    i = len(lines)
    while i > 0 and (not lines[i - 1].strip() or _parse(lines[i - 1]) is not None):
        i -= 1
    return "\n".join(lines[:i]), "\n".join(ln for ln in lines[i:] if ln.strip())


# -- PR bodies --------------------------------------------------------------------------------------


def cause(cause_id: str, run_id: str) -> str:
    return line("cause", f"{cause_id};run={run_id}")


def parse_cause(body: str) -> tuple[str, str] | None:
    """(cause id, run id) from the trailer of a change text; None when it has none."""
    value = trailer(body).get("cause")
    if not value or ";run=" not in value:
        return None
    cause_id, _, run_id = value.partition(";run=")
    return (cause_id, run_id) if cause_id and run_id else None


def evidence(key: str) -> str:
    return line("evidence", key)


def has_evidence(body: str, key: str) -> bool:
    return trailer(body).get("evidence") == key


def wording(free: bool) -> str:
    """The guard's verdict on conversation wording in the edit; automerge reads only this line."""
    return line("wording", "none" if free else "conversation")


def wording_free(body: str) -> bool:
    """True only when the trailer says the edit carries no conversation wording (absent: not free)."""
    return trailer(body).get("wording") == "none"


def steer(guidance: str | None, requested_by: str | None) -> str:
    """A hidden record of a reviewer's regenerate request, so later runs keep following it ('' if none)."""
    if guidance is None and requested_by is None:
        return ""
    data = json.dumps({"guidance": guidance, "by": requested_by}, sort_keys=True)
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e")):
        data = data.replace(ch, esc)  # JSON escapes: the value reads back the same and cannot end the comment
    return line("steer", data)


def read_steer(body: str) -> tuple[str | None, str | None]:
    value = trailer(body).get("steer")
    if not value:
        return None, None
    try:
        data = json.loads(value)
    except json.JSONDecodeError:
        return None, None
    if not isinstance(data, dict):
        return None, None
    guidance, by = data.get("guidance"), data.get("by")
    return (guidance if isinstance(guidance, str) else None, by if isinstance(by, str) else None)


def revert(branch: str, merge_sha: str) -> str:
    return line("revert", f"{branch};merge={merge_sha}")


def same_ignoring_run(a: str, b: str) -> bool:
    """Bodies equal apart from the run id in the cause marker (a re-run with the same numbers)."""

    def norm(body: str) -> str:
        text, tail = split_trailer(body)
        kept = []
        for ln in tail.split("\n"):
            parsed = _parse(ln)
            is_cause = parsed is not None and parsed[0] == "cause" and parsed[1]
            kept.append(line("cause", _RUN.sub("", parsed[1] or "")) if parsed and is_cause else ln)
        return text.strip() + "\n" + "\n".join(kept)

    return norm(a) == norm(b)


def fit_body(body: str, budget: int = BUDGET) -> str:
    """A PR body cut to GitHub's limit with a note; the trailer is always kept whole."""
    if len(body) <= budget:
        return body
    text, tail = split_trailer(body)
    return cut(text, budget - len(tail) - 2) + "\n" + tail + "\n"


# -- comments ---------------------------------------------------------------------------------------


def comment(key: str) -> str:
    """The first line of the one comment agentmend keeps per `key` on a PR (status, watch)."""
    return line(key)


def comment_end(key: str) -> str:
    """Closes a comment's section where several share one file (local changes)."""
    return f"<!-- /agentmend:{key} -->"


def comment_body(key: str, body: str, budget: int = BUDGET) -> str:
    """The comment text: its marker as the first line, then `body` (cut to fit, a copy of the marker
    inside it dropped)."""
    head = comment(key)
    rest = "\n".join(ln for ln in body.split("\n") if ln.strip() != head)
    return head + "\n" + cut(rest.lstrip("\n"), budget - len(head) - 1)


def is_comment(body: str, key: str) -> bool:
    """The comment starts with `key`'s marker line (where agentmend writes it)."""
    first = body.lstrip().split("\n", 1)[0]
    return first.strip() == comment(key)
