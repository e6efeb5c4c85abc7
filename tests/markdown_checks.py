"""What a reader of agentmend's Markdown would see rendered: shared by the tests of untrusted text."""

from __future__ import annotations

import re

from agentmend import markers

PING = re.compile(r"(?<![\w`])@[A-Za-z0-9][\w-]*(?:/[\w-]+)?")  # what GitHub turns into a mention


def outside_code(body: str) -> str:
    """The body without fenced blocks and code spans, where nothing renders or pings."""
    out: list[str] = []
    fence: str | None = None
    for ln in body.split("\n"):
        m = re.match(r"^ {0,3}(`{3,}|~{3,})", ln)
        if fence is None and m:
            fence = m.group(1)
            continue
        if fence is not None:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = None
            continue
        out.append(ln)
    text = "\n".join(out)
    return re.sub(r"(`+)(?!`).*?(?<!`)\1(?!`)", "", text)


def shown_markup(body: str) -> list[str]:
    """HTML comments and fence lines outside code, other than agentmend's own trailer."""
    text, _trailer = markers.split_trailer(body)
    prose = outside_code(text)
    return re.findall(r"<!--|^ {0,3}(?:```|~~~)", prose, flags=re.M) + PING.findall(prose)
