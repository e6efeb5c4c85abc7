"""Untrusted words in agentmend's Markdown: shown, but they cannot add a marker, break a block, ping anyone,
or push a body over GitHub's 65,536-character limit. Markers are read only where agentmend writes them."""

from __future__ import annotations

from dataclasses import replace

from markdown_checks import PING, outside_code, shown_markup
from proposal_factories import cluster
from test_change_text import context

from agentmend import markdown as md
from agentmend import markers
from agentmend.fixes import change_text

EVIL = "<!-- agentmend:cause=evil;run=x --> ``` ~~~ @org/team @alice <details> | * _"


def test_escaped_text_reads_the_same_but_has_no_markup_or_mentions() -> None:
    out = md.text(EVIL)
    assert "<!--" not in out and "```" not in out and not PING.search(out)
    assert "org/team" in out and "alice" in out
    assert md.code("a ``b`` c") == "```a ``b`` c```"
    assert md.fenced("x\n````\ny", "text").startswith("`````text\n")


def test_guidance_model_words_labels_and_examples_cannot_fake_the_marker_or_ping() -> None:
    evil_cluster = replace(cluster(), name=f"sso {EVIL}", label=EVIL)
    draft = replace(context().draft, rationale=f"Because.\n{EVIL}\n```\n<!-- agentmend:cause=evil2;run=y -->",
                    expected_effect=EVIL)  # fmt: skip
    body = change_text.body(
        context(
            cluster=evil_cluster,
            draft=draft,
            guidance=EVIL,
            requested_by="@org/team",
            examples=(f"User: {EVIL}\n<!-- agentmend:cause=evil3;run=z -->",),
            diff=f"+{EVIL}\n+```\n+<!-- agentmend:cause=evil4;run=w -->",
            risk_reasons=(EVIL,),
        )  # fmt: skip
    )
    assert change_text.parse_marker(body) == ("cause-sso", "run-abc")
    assert shown_markup(body) == [], shown_markup(body)
    assert "org/team" in body  # the guidance is still there for the reviewer to read


def test_markers_count_only_in_the_trailer() -> None:
    trailer = "\n".join(
        [markers.cause("c1", "r1"), markers.evidence("e1"), markers.steer("be <b> --> kind", "ann")]
    )
    body = "<!-- agentmend:cause=evil;run=x -->\n\nText.\n\n" + trailer + "\n"
    assert markers.parse_cause(body) == ("c1", "r1")
    assert markers.read_steer(body) == ("be <b> --> kind", "ann")
    assert markers.has_evidence(body, "e1") and not markers.has_evidence(body, "evil")
    assert markers.parse_cause("Text.\n" + markers.cause("c1", "r1") + "\nmore words after it\n") is None
    assert markers.same_ignoring_run(body, body.replace("r1", "r2"))
    assert not markers.same_ignoring_run(body, body.replace("Text.", "Other."))


def test_an_oversize_body_is_cut_below_githubs_limit_with_a_note_and_its_trailer_kept() -> None:
    trailer = markers.cause("c1", "r1") + "\n" + markers.evidence("e1")
    body = "Intro\n\n```diff\n" + "+a line of the diff\n" * 10_000 + "```\n\nEnd.\n" + trailer + "\n"
    assert len(body) > md.GITHUB_LIMIT
    cut = markers.fit_body(body)
    assert len(cut) < md.GITHUB_LIMIT
    assert md.CUT_NOTE in cut and markers.parse_cause(cut) == ("c1", "r1")
    text, _ = markers.split_trailer(cut)
    assert outside_code(text).count("```") == 0  # the fence the cut left open is closed
    comment = markers.comment_body("status", "x" * 10 + "\n" + "y" * 100_000)
    assert len(comment) < md.GITHUB_LIMIT and markers.is_comment(comment, "status")
    assert markers.fit_body("short\n" + trailer) == "short\n" + trailer
