"""The report a person reads: what fired each signal, charts with titles and legends, and one
self-contained HTML page that a real headless browser renders without console errors."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import generator
import pytest
from headless import render
from typer.testing import CliRunner

from agentmend.cli import app

pytestmark = pytest.mark.slow
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory, embedder: Any) -> dict[str, Any]:
    import agentmend.analysis.embed as embed

    repo = tmp_path_factory.mktemp("support")
    (repo / ".github").mkdir()
    shutil.copy(EXAMPLES / "support-agent" / ".github" / "agentmend.yml", repo / ".github" / "agentmend.yml")
    generator.generate(repo, seed=7, conversations=200)
    out = tmp_path_factory.mktemp("out")
    patch = pytest.MonkeyPatch()
    patch.setattr(embed, "SentenceEmbedder", lambda: embedder)
    try:
        result = CliRunner().invoke(
            app,
            [
                "analyze",
                str(repo),
                "--db",
                f"sqlite:///{out / 'state.db'}",
                "--no-links",
                "--max-malformed",
                "0.2",
                "--markdown",
                str(out / "report.md"),
                "--html",
                str(out / "report.html"),
            ],
        )
    finally:
        patch.undo()
    assert result.exit_code == 0, result.output
    return {"md": (out / "report.md").read_text(), "html": out / "report.html", "output": result.output}


def test_markdown_shows_what_fired_each_signal_in_a_causes_examples(reports: dict[str, Any]) -> None:
    md = reports["md"]
    assert "What fired the signals in these examples:" in md
    blocks = re.findall(r"^- `[^`]+` \([^)]+:\d+\)\n((?:  - .+\n)+)", md, flags=re.M)
    assert blocks, md[:2000]
    fired = [line for block in blocks for line in block.splitlines()]
    assert all(re.match(r"  - [a-z_]+ at turn \d+", line) for line in fired)
    assert any(re.search(r"at turn \d+: “.+”", line) for line in fired)


def test_the_per_day_chart_is_titled_for_what_it_draws_and_has_a_legend(reports: dict[str, Any]) -> None:
    md = reports["md"]
    assert "Failed conversations per day" not in md  # the old title said failures but drew everything
    assert 'title "Conversations and failed conversations per day"' in md
    assert "Legend: bars (grey): all conversations · line (red): failed conversations" in md


def test_the_html_page_is_self_contained(reports: dict[str, Any]) -> None:
    page = reports["html"].read_text()
    assert "<script" not in page.lower()
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert "<svg" in page and "Conversations and failed conversations per day" in page


def test_a_headless_browser_renders_the_causes_table_without_console_errors(reports: dict[str, Any]) -> None:
    rendered = render(reports["html"])
    assert rendered.console == []
    table = re.search(r'<table id="causes">.*?</table>', rendered.dom, flags=re.S)
    assert table is not None
    rows = re.findall(r"<tr><td><a href=\"#([^\"]+)\">", table.group(0))
    assert rows and all(f'<section id="{r}">' in rendered.dom for r in rows)
    assert 'class="legend"' in rendered.dom and "Failed conversations</text>" in rendered.dom


def test_the_browser_check_does_catch_console_errors(tmp_path: Path) -> None:
    page = tmp_path / "broken.html"
    page.write_text('<!DOCTYPE html><html><body><script>console.error("boom")</script></body></html>')
    assert any("boom" in line for line in render(page).console)


def test_a_tool_side_hit_names_its_tool_call() -> None:
    from agentmend.analysis.records import SignalHit
    from agentmend.analysis.report import hit_text

    hit = SignalHit("tool_error", 5, '{"error": "refund_not_supported"}', tool="refund_charge")
    assert hit_text(hit) == 'tool_error at turn 5, tool `refund_charge`: “{"error": "refund_not_supported"}”'
