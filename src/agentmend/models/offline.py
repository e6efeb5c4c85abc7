"""The honest stand-in for an LLM: deterministic template edits built from the diagnosis, no network.

It writes a short guidance section into the system prompt for the cause, or, when tool errors dominate,
a sharper description of the tool that fails. Everything it writes says that no LLM wrote it.
"""

from __future__ import annotations

import json
import re

import yaml
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from agentmend.conversations.injection import INJECTION_WORDS, injection_suspects
from agentmend.fixes.records import Draft, Edit
from agentmend.models.base import ProposalRequest, TargetFile

PATH = "offline"
NO_LLM = "written by the offline model (no LLM)"

_SIGNAL_GUIDANCE: dict[str, str] = {
    "non_answer": "Give the concrete steps for this request instead of a general answer; "
    "if a detail is missing, ask one precise question.",
    "rephrasing": "Check that you understood the request before answering; "
    "users here have to repeat themselves.",
    "frustration": "Acknowledge the problem in one sentence, then move straight to the fix.",
    "escalation": "If you cannot complete the request yourself, offer a handoff to a human agent "
    "right away instead of a vague answer.",
    "tool_error": "If a tool call fails, tell the user what failed and what happens next; "
    "do not retry silently or pretend it worked.",
    "abandonment": "Answer in the first reply; users leave within two turns when they do not get an answer.",
    "expectation_downgrade": "Finish the task for the user; do not leave them to do it themselves.",
    "negative_feedback": "Confirm at the end that the answer solved the problem.",
    "long_unresolved": "If it is not resolved after a few turns, summarise what was tried "
    "and offer a handoff.",
}
_DEFAULT_GUIDANCE = "Give a specific answer, and offer a handoff when you cannot help."
_WORD = re.compile(r"[a-z][a-z0-9_-]+")


_FILLER = frozenset(ENGLISH_STOP_WORDS) | {
    "hi",
    "hello",
    "hey",
    "thanks",
    "thank",
    "just",
    "ok",
    "okay",
    "yes",
    "yeah",
    "nope",
    "please",
    "didn",
    "doesn",
    "don",
    "isn",
    "won",
    "can",
    "t",
    "s",
    "that's",
    "it's",
    "i'm",
    "still",
    "really",
    "again",
    "twice",
}


def topic_words(keywords: tuple[str, ...], limit: int = 3, common: frozenset[str] = frozenset()) -> list[str]:
    """The cause's telling keywords: no filler, no words every request shares, nothing from injections."""
    words = [
        k
        for k in keywords
        if len(k) > 2
        and k.lower() not in common
        and k.lower() not in _FILLER
        and k.lower() not in INJECTION_WORDS
        and not injection_suspects(k)
    ]
    return words[:limit]


def _title_words(request: ProposalRequest) -> frozenset[str]:
    """Words of the system prompt's first line (usually the product and agent name): true of every request."""
    for t in request.targets:
        if t.kind == "system_prompt" and t.text.strip():
            return frozenset(_WORD.findall(t.text.strip().splitlines()[0].lower()))
    return frozenset()


def _section(request: ProposalRequest, topic: str) -> str:
    lines = [f"## Requests about {topic}", ""]
    lines.append(f"When users ask about {topic}:")
    seen: set[str] = set()
    for signal in request.signals[:3]:
        advice = _SIGNAL_GUIDANCE.get(signal)
        if advice and advice not in seen:
            seen.add(advice)
            lines.append(f"- {advice}")
    if not seen:
        lines.append(f"- {_DEFAULT_GUIDANCE}")
    if request.guidance:
        lines.append(f"- Reviewer guidance: {' '.join(request.guidance.split())}")
    return "\n".join(lines) + "\n"


def _prompt_edit(target: TargetFile, section: str) -> Edit:
    """Insert before the last top-level section (usually escalation or style), else append at the end."""
    text = target.text
    headings = [m for m in re.finditer(r"(?m)^#{1,3} .*\n", text)]
    if len(headings) >= 2:
        last = headings[-1].group(0)
        if text.count(last) == 1:
            level = last.split(" ", 1)[0]  # match the prompt's own section level
            return Edit(target.path, last, f"{section.replace('## ', level + ' ', 1)}\n{last}")
    lines = text.splitlines(keepends=True)
    if not lines:
        return Edit(target.path, text, section)  # pragma: no cover - an empty prompt has no anchor
    k = 1
    while k < len(lines) and text.count("".join(lines[-k:])) != 1:
        k += 1
    tail = "".join(lines[-k:])
    sep = "" if tail.endswith("\n") else "\n"
    return Edit(target.path, tail, f"{tail}{sep}\n{section}")


def _tool_entries(target: TargetFile) -> list[tuple[str, str]]:
    """(name, description) of every tool in a YAML/JSON tool file, wherever the list sits."""
    try:
        data = json.loads(target.text) if target.path.endswith(".json") else yaml.safe_load(target.text)
    except (ValueError, yaml.YAMLError):
        return []
    found: list[tuple[str, str]] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            name, desc = node.get("name"), node.get("description")
            if isinstance(name, str) and isinstance(desc, str):
                found.append((name, desc))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(data)
    return found


def _best_tool(target: TargetFile, request: ProposalRequest) -> str | None:
    """The tool that failed most in this cause, else the one whose name the evidence mentions most."""
    names = [name for name, _ in _tool_entries(target)]
    for tool, _count in request.failing_tools:
        if tool in names:
            return tool
    evidence = " ".join((*request.keywords, *request.examples, request.diagnosis)).lower()
    words = set(_WORD.findall(evidence))
    best: tuple[int, str] | None = None
    for name, _desc in _tool_entries(target):
        parts = set(re.split(r"[_\-\s]+", name.lower())) - {"get", "set", "the", "a", "to"}
        score = 5 * (name.lower() in evidence) + len(parts & words)
        if score and (best is None or score > best[0]):
            best = (score, name)
    return best[1] if best else None


def _description_edit(target: TargetFile, tool: str, addition: str) -> Edit | None:
    """Append a sentence to the tool's own description (a sibling of its `name`); layout and quoting stay."""
    lines = target.text.splitlines(keepends=True)
    name_re = re.compile(
        rf"""^(\s*(?:-\s+)?)["']?name["']?\s*:\s*["']?{re.escape(tool)}["']?\s*,?\s*(#.*)?$"""
    )
    start = col = None
    for i, line in enumerate(lines):
        if m := name_re.match(line.rstrip("\n")):
            start, col = i, len(m.group(1))
            break
    if start is None or col is None:
        return None
    desc_re = re.compile(r"""^(\s*(?:-\s+)?["']?description["']?\s*:\s*)(.*?)(,?)(\s*)$""")
    for i in range(start, len(lines)):
        line = lines[i]
        indent = len(line) - len(line.lstrip(" -")) if line.strip() else None
        if (
            i > start
            and indent is not None
            and (indent < col or (indent == col and line.lstrip().startswith("-")))
        ):
            return None  # the next tool begins: this one has no description
        m = desc_re.match(line)
        if not m or len(line) - len(line.lstrip(" -")) != col:
            continue
        head, value, comma, _ = m.groups()
        if value in ("|", ">", "|-", ">-", ">+", "|+"):
            nxt = lines[i + 1] if i + 1 < len(lines) else ""
            pad = nxt[: len(nxt) - len(nxt.lstrip())] or " " * (col + 2)
            end = i + 1
            while end < len(lines) and (not lines[end].strip() or lines[end].startswith(pad)):
                end += 1
            while end > i + 1 and not lines[end - 1].strip():
                end -= 1
            anchor = "".join(lines[start:end])
            return Edit(target.path, anchor, anchor.rstrip("\n") + f"\n{pad}{addition}\n")
        if value.startswith('"') and value.endswith('"'):
            new_value = value[:-1] + " " + json.dumps(addition)[1:-1] + '"'
        elif value.startswith("'") and value.endswith("'"):
            new_value = value[:-1] + " " + addition.replace("'", "''") + "'"
        elif value:
            new_value = f"{value} {addition}"
        else:
            return None
        newline = "\n" if line.endswith("\n") else ""
        replaced = f"{head}{new_value}{comma}{newline}"
        anchor = "".join(lines[start : i + 1])
        return Edit(target.path, anchor, anchor[: len(anchor) - len(line)] + replaced)
    return None


class OfflineModel:
    """Deterministic proposals without an LLM; `path` is "offline" in every output."""

    @property
    def path(self) -> str:
        return PATH

    def name_cluster(self, keywords: tuple[str, ...], examples: tuple[str, ...]) -> str | None:
        return None

    def propose(self, request: ProposalRequest) -> Draft:
        words = topic_words(request.keywords, common=_title_words(request)) or ["this request"]
        topic = " / ".join(words)
        signals = ", ".join(request.signals[:3]) or "failure signals"
        tools = [t for t in request.targets if t.kind == "tool_descriptions"]
        # tool errors lead, or are among the main signals with a tool we can name: sharpen that tool
        tool_cause = request.signals[:1] == ("tool_error",) or (
            "tool_error" in request.signals[:3] and bool(request.failing_tools)
        )
        if tool_cause and tools:
            for target in tools:
                tool = _best_tool(target, request)
                if tool is None:
                    continue
                addition = (
                    f"Known failure case ({' '.join(words)}) - confirm the required arguments with the user "
                    "before calling; if the call returns an error, tell the user what failed and offer a "
                    "handoff instead of retrying silently."
                )
                if request.guidance:  # a reviewer's steer must reach the edit on every path, not only prompts
                    addition += f" Reviewer guidance: {' '.join(request.guidance.split())}"
                edit = _description_edit(target, tool, addition)
                if edit is not None:
                    return Draft(
                        edits=(edit,),
                        rationale=(
                            f"This cause is dominated by tool errors ({signals}); "
                            f"the description of `{tool}` now names the failing case ({topic}) "
                            "so the agent checks its arguments first. "
                            f"This change was {NO_LLM}: a template filled from the cause's keywords and "
                            "signals; review the wording."
                        ),
                        expected_effect=f"Fewer tool errors from `{tool}` in conversations about {topic}.",
                        model_path=PATH,
                    )
        prompts = [t for t in request.targets if t.kind == "system_prompt"]
        if not prompts:
            return Draft(
                edits=(),
                rationale=(
                    "There is no system prompt target and no tool that matches this cause; "
                    "the offline model (no LLM) found nothing safe to edit."
                ),
                expected_effect="None.",
                model_path=PATH,
            )
        section = _section(request, topic)
        return Draft(
            edits=(_prompt_edit(prompts[0], section),),
            rationale=(
                f"Conversations about {topic} fail with {signals}. "
                "The new section tells the agent what to do for exactly these requests. "
                f"This change was {NO_LLM}: a template filled from the cause's keywords and signals; "
                "an LLM would write a more specific fix, so review the wording."
            ),
            expected_effect=(
                f"A lower failure rate for requests about {topic}, "
                f"with fewer {signals} in those conversations."
            ),
            model_path=PATH,
        )
