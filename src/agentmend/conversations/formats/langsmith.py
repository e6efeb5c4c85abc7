"""LangSmith run exports (`client.list_runs` / the run data format): one record per run.

Runs are grouped into threads the way LangSmith groups them: by `session_id`, `thread_id` or
`conversation_id` in the run's metadata (`extra.metadata`), else by `trace_id`. The top-level `session_id`
of a run is its tracing project, not a conversation, and is not used for grouping. Within a thread, runs
are ordered by `dotted_order` (start time, then hierarchy); `llm` runs give the chat history (their
inputs replay it), `tool` runs the tool results and errors; a thread with no `llm` run reads its root
runs' inputs and outputs. `feedback_stats` (and inline `feedback`) become `metadata["scores"]`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from agentmend.conversations.formats import chat
from agentmend.conversations.formats.calls import History, as_json, normalise, normalise_all
from agentmend.conversations.formats.fields import RecordError, parse_timestamp, type_name
from agentmend.conversations.formats.json_stream import JsonValue
from agentmend.conversations.model import Conversation, Malformed

THREAD_KEYS = ("session_id", "thread_id", "conversation_id")
_TEXT_INPUTS = ("input", "question", "query", "message", "prompt", "text")
_TEXT_OUTPUTS = ("output", "answer", "response", "result", "text", "content")
_VERSION_KEYS = ("revision_id", "version", "prompt_version", "app_version", "ls_version")


def matches(obj: Mapping[str, Any], container: str | None) -> bool:
    return "run_type" in obj and ("inputs" in obj or "outputs" in obj)


@dataclass(frozen=True)
class _Run:
    line: int
    obj: Mapping[str, Any]
    metadata: Mapping[str, Any]
    order: str


def _run(item: JsonValue) -> _Run:
    obj = item.value
    if not isinstance(obj, dict):
        raise RecordError(f"expected a run object, got {type_name(obj)}")
    for key in ("inputs", "outputs", "extra"):
        if obj.get(key) is not None and not isinstance(obj[key], dict):
            raise RecordError(f"'{key}' must be an object, got {type_name(obj[key])}")
    extra = obj.get("extra") or {}
    metadata = extra.get("metadata") or {}
    if not isinstance(metadata, dict):
        raise RecordError(f"'extra.metadata' must be an object, got {type_name(metadata)}")
    start = parse_timestamp(obj.get("start_time"), "start_time")
    order = str(obj.get("dotted_order") or (start.isoformat() if start else ""))
    return _Run(item.line, obj, metadata, order)


def _with_children(obj: Any) -> list[Any]:
    """A run and, when it was exported as a tree (`child_runs`, as `read_run(load_child_runs=True)`
    gives), its descendants, each inheriting the root's thread metadata unless it has its own."""
    if not isinstance(obj, dict) or not isinstance(obj.get("child_runs"), list):
        return [obj]
    root_meta = _metadata_of(obj)
    out: list[Any] = []
    stack: list[Any] = [obj]
    while stack:
        run = stack.pop()
        children = run.get("child_runs") if isinstance(run, dict) else None
        if isinstance(run, dict):
            extra: dict[str, Any] = run["extra"] if isinstance(run.get("extra"), dict) else {}
            meta = {**root_meta, **_metadata_of(run)}
            run = {**run, "child_runs": None, "extra": {**extra, "metadata": meta}}
        out.append(run)
        if isinstance(children, list):
            stack.extend(reversed(children))
    return out


def _metadata_of(run: dict[str, Any]) -> dict[str, Any]:
    extra = run.get("extra")
    meta = extra.get("metadata") if isinstance(extra, dict) else None
    return meta if isinstance(meta, dict) else {}


def _thread(run: _Run) -> str:
    for key in THREAD_KEYS:
        if run.metadata.get(key):
            return str(run.metadata[key])
    return str(run.obj.get("trace_id") or run.obj.get("id") or f"line-{run.line}")


def read(name: str, values: Iterable[JsonValue | Malformed]) -> Iterator[Conversation | Malformed]:
    threads: dict[str, list[_Run]] = {}
    for item in values:
        if isinstance(item, Malformed):
            yield item
            continue
        try:
            runs = [_run(JsonValue(item.line, obj)) for obj in _with_children(item.value)]
        except RecordError as exc:
            yield Malformed(name, item.line, str(exc))
            continue
        for run in runs:
            threads.setdefault(_thread(run), []).append(run)
    for key, runs in threads.items():
        try:
            conv = _conversation(name, key, sorted(runs, key=lambda r: (r.order, r.line)))
        except RecordError as exc:
            yield Malformed(name, runs[0].line, f"thread {key}: {exc}")
            continue
        if conv is not None:
            yield conv


def _llm_output(outputs: Mapping[str, Any], where: str) -> list[dict[str, Any]]:
    if isinstance(outputs.get("generations"), list):
        gens = outputs["generations"]
        first = gens[0] if gens else []
        first = first[0] if isinstance(first, list) and first else first
        if isinstance(first, dict):
            if isinstance(first.get("message"), dict):
                return normalise(first["message"], where)
            return [{"role": "assistant", "content": str(first.get("text", ""))}]
        return []
    if isinstance(outputs.get("choices"), list) and outputs["choices"]:
        choice = outputs["choices"][0]
        if isinstance(choice, dict) and isinstance(choice.get("message"), dict):
            return normalise(choice["message"], where)
    for key in ("messages", "output", "message"):
        value = as_json(outputs.get(key))
        if isinstance(value, dict) or (isinstance(value, list) and value):
            msgs = normalise_all(value, where)
            return [m for m in msgs if m.get("role") == "assistant"] or msgs[-1:]
    return []


def _root_turns(run: _Run) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    inputs = run.obj.get("inputs") or {}
    outputs = run.obj.get("outputs") or {}
    ins: list[dict[str, Any]] = []
    if inputs.get("messages") is not None:
        ins = normalise_all(inputs["messages"], "inputs.messages")
    else:
        text = next((inputs[k] for k in _TEXT_INPUTS if isinstance(inputs.get(k), str)), None)
        if text is not None:
            ins = [{"role": "user", "content": text}]
    outs: list[dict[str, Any]] = []
    if outputs.get("messages") is not None:
        outs = [m for m in normalise_all(outputs["messages"], "outputs.messages") if m.get("role") != "user"]
    else:
        text = next((outputs[k] for k in _TEXT_OUTPUTS if isinstance(outputs.get(k), str)), None)
        if text is not None:
            outs = [{"role": "assistant", "content": text}]
    return ins, outs


def _scores(runs: list[_Run]) -> dict[str, Any]:
    scores: dict[str, Any] = {}
    for run in runs:
        stats = run.obj.get("feedback_stats") or {}
        if isinstance(stats, dict):
            for key, stat in stats.items():
                if isinstance(stat, dict) and "avg" in stat:
                    scores[str(key)] = stat["avg"]
        for fb in run.obj.get("feedback") or ():
            if isinstance(fb, dict) and fb.get("key"):
                scores[str(fb["key"])] = fb.get("score", fb.get("value"))
    return scores


def _conversation(name: str, key: str, runs: list[_Run]) -> Conversation | None:
    history = History()
    llm_runs = [r for r in runs if r.obj.get("run_type") in ("llm", "chat_model")]
    for run in runs:
        kind = run.obj.get("run_type")
        start, end = run.obj.get("start_time"), run.obj.get("end_time")
        if kind in ("llm", "chat_model"):
            inputs = run.obj.get("inputs") or {}
            raw = inputs.get("messages", inputs.get("prompts"))
            if raw is not None:
                history.add(normalise_all(raw, f"run {run.obj.get('id')} inputs.messages"), start)
            out = _llm_output(run.obj.get("outputs") or {}, f"run {run.obj.get('id')} outputs")
            history.add([*history.messages, *out], end)
        elif kind == "tool":
            outputs = run.obj.get("outputs") or {}
            result = outputs.get("output", outputs) if outputs else run.obj.get("error", "")
            history.add_tool_result(str(run.obj.get("name", "tool")), result, bool(run.obj.get("error")), end)
        elif not llm_runs and not run.obj.get("parent_run_id"):
            ins, outs = _root_turns(run)
            history.add([*history.messages, *ins], start)
            history.add([*history.messages, *outs], end)
    if not history.messages:
        return None
    meta = dict(runs[0].metadata)
    for run in runs[1:]:
        for k, v in run.metadata.items():
            meta.setdefault(k, v)
    root = next((r for r in runs if not r.obj.get("parent_run_id")), runs[0])
    metadata: dict[str, Any] = {
        k: v for k, v in meta.items() if isinstance(v, str | int | float | bool) and not k.startswith("ls_")
    }
    metadata["trace_ids"] = sorted({str(r.obj.get("trace_id")) for r in runs if r.obj.get("trace_id")})
    if root.obj.get("tags"):
        metadata["tags"] = root.obj["tags"]
    version = next((meta[k] for k in _VERSION_KEYS if meta.get(k)), None)
    if version is not None:
        metadata["version"] = version
    errors = [str(r.obj["error"]) for r in runs if r.obj.get("error")]
    if errors:
        metadata["errors"] = errors
    scores = _scores(runs)
    if scores:
        metadata["scores"] = scores
    record: dict[str, Any] = {
        "id": key,
        "messages": history.messages,
        "metadata": metadata,
        "started_at": root.obj.get("start_time"),
    }
    user = meta.get("user_id") or meta.get("user")
    if user:
        record["user_id"] = str(user)
    return chat.conversation(name, runs[0].line, record)
