"""Untrusted text into GitHub Markdown: shown as written, but unable to hide markup, break out of its
block, fake an agentmend marker, or ping anyone; and bodies cut to fit GitHub's size limit.

Everything agentmend writes to a PR, comment or check run that came from outside (model output,
`regenerate` guidance, conversation text, cause labels and keywords, ids from exports, error messages)
goes through `text`, `line`, `code` or `fenced`. Hand-written because no Markdown library escapes for
GitHub's renderer (mentions, HTML comments) and the rules are few.
"""

from __future__ import annotations

import re

GITHUB_LIMIT = 65_536  # characters in a PR body, issue comment or check-run summary
BUDGET = 65_000  # what agentmend fills, leaving room for GitHub's own counting
WORD_JOINER = "\u2060"  # invisible; GitHub does not link `@\u2060name`, so nobody is pinged
_MENTION = re.compile(r"@(?=[A-Za-z0-9_])")
_SPECIAL = re.compile(r"([\\`*_~|\[\]])")
_BACKTICKS = re.compile(r"`+")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
CUT_NOTE = "… (cut here: the text was longer than GitHub allows; the rest is left out)"


def unping(s: str) -> str:
    """`@name` and `@org/team` shown as written but not linked, so no notification goes out."""
    return _MENTION.sub("@" + WORD_JOINER, s)


def text(s: str) -> str:
    """Prose from an untrusted source, line breaks kept: no HTML (so no `<!--` comment, no tag), no code
    span or fence, no table cell break, no emphasis, no mention."""
    s = s.replace("&", "&amp;").replace("<", "&lt;")  # no tag or `<!--` can open; a lone `>` is harmless
    return unping(_SPECIAL.sub(r"\\\1", s))


def line(s: str) -> str:
    """`text` on one line (for table cells, headings, quoted guidance)."""
    return text(" ".join(s.split()))


def code(s: str) -> str:
    """An inline code span that holds `s` whatever backticks it contains (CommonMark's longer-run rule)."""
    s = " ".join(s.split())
    longest = max((len(m) for m in _BACKTICKS.findall(s)), default=0)
    ticks = "`" * (longest + 1)
    pad = " " if s.startswith("`") or s.endswith("`") or not s else ""
    return f"{ticks}{pad}{s}{pad}{ticks}"


def fenced(s: str, lang: str = "") -> str:
    """A fenced block `s` cannot close early: the fence is longer than any backtick run inside it.
    Inside a block, `<!--` and `@name` are shown as text, never rendered or linked."""
    longest = max((len(m) for m in _BACKTICKS.findall(s)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{lang}\n{s.rstrip(chr(10))}\n{fence}"


def cut(body: str, budget: int) -> str:
    """`body` cut at a line boundary to at most `budget` characters with a note saying so; a code fence
    or `<details>` left open by the cut is closed, so what follows renders as it should."""
    if len(body) <= budget:
        return body
    room = max(budget - len(CUT_NOTE) - 200, 0)  # 200: the closing fences and tags added below
    kept = body[:room]
    if "\n" in kept:
        kept = kept.rsplit("\n", 1)[0]
    fence: str | None = None
    for ln in kept.split("\n"):
        m = _FENCE.match(ln)
        if m is None:
            continue
        run = m.group(1)
        if fence is None:
            fence = run
        elif run[0] == fence[0] and len(run) >= len(fence) and not ln.strip()[len(run) :].strip():
            fence = None
    tail = [f"\n{fence}" if fence else ""]
    tail += ["\n</details>"] * max(kept.count("<details>") - kept.count("</details>"), 0)
    return kept + "".join(tail) + "\n\n" + CUT_NOTE + "\n"
