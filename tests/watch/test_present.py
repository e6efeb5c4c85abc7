"""What the reviewer reads: the comment's table and chart, and the check-run conclusion."""

from __future__ import annotations

from datetime import timedelta

from agentmend.watch.metrics import ArmSummary, Tally
from agentmend.watch.present import chart, check_output, conclusion, start_comment, verdict_comment
from agentmend.watch.verdict import judge

from .builders import CONFIG, MERGED, arm, baseline


def with_days(a: ArmSummary, days: dict[str, tuple[int, int]]) -> ArmSummary:
    return a.model_copy(update={"daily": {d: Tally(n=n, failed=f, target=f) for d, (n, f) in days.items()}})


BEFORE = with_days(
    arm(400, target=80, failed=120, intents={"i-billing": (200, 100), "i-invite": (200, 20)}),
    {"2026-10-30": (200, 40), "2026-10-31": (200, 40)},
)


def test_the_start_comment_says_what_is_watched_and_how_many_conversations_a_verdict_needs() -> None:
    b = baseline(BEFORE)
    text = start_comment(b, CONFIG)
    assert "@octocat" in text and "`prompt_version: v2`" in text
    assert f"**{b.required_after}** conversations after the merge" in text
    assert "| cause 'refund status' (target) | 20.0% (80/400) |" in text
    assert "| intent 'invite teammates' failure rate | 10.0% (20/200) |" in text


def test_the_verdict_comment_has_the_table_and_a_chart_with_the_merge_marked() -> None:
    after = with_days(
        arm(400, target=30, failed=120, intents={"i-billing": (200, 50), "i-invite": (200, 70)}),
        {"2026-11-02": (200, 15), "2026-11-03": (200, 15)},
    )
    b = baseline(BEFORE)
    v = judge(b, after, CONFIG, now=MERGED + timedelta(days=3))
    text = verdict_comment(b, v, CONFIG, revert_note="a revert was opened: https://x/pull/9")
    assert text.startswith("### agentmend watch: ❌ regressed (final)")
    assert "@octocat: a revert was opened: https://x/pull/9" in text
    assert "| intent 'invite teammates' failure rate | 10.0% | 35.0% | +25.0 pts" in text
    assert "| **worse** |" in text
    mermaid = chart(b, after)
    assert '"10-30", "10-31", "11-02 merge", "11-03"' in mermaid
    assert "bar [0, 0, 30, 0]" in mermaid  # the merge marker, as tall as the y axis
    assert "line [20, 20, 7.5, 7.5]" in mermaid  # the target cause per day
    title, summary = check_output(b, v, CONFIG)
    assert title.startswith("Regressed: intent 'invite teammates'")
    assert "[WORSE]" in summary
    assert conclusion(v) == "failure"


def test_an_inconclusive_watch_stays_in_progress_until_the_window_closes() -> None:
    b = baseline(BEFORE)
    small = arm(30, target=3, failed=9, escalated=2, abandoned=2, negative=1)
    assert conclusion(judge(b, small, CONFIG, now=MERGED + timedelta(days=1))) is None
    closed = judge(b, small, CONFIG, now=MERGED + timedelta(days=CONFIG.window_days))
    assert closed.final and conclusion(closed) == "neutral"
