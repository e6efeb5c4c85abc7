"""The offline model: deterministic, targeted, honest about being a template."""

from __future__ import annotations

import json

import yaml

from agentmend.fixes.patch import apply_edits
from agentmend.models.base import ProposalRequest, TargetFile
from agentmend.models.offline import OfflineModel

PROMPT = "# Agent\n\nBe kind.\n\n## Billing\nUse the tools.\n\n## Format\nShort answers.\n"
TOOLS_YAML = (
    "tools:\n"
    "  - name: lookup_account\n"
    "    description: Look up the workspace.\n"
    "    parameters:\n"
    "      properties:\n"
    "        scope: {type: string, description: What to look up.}\n"
    "  - name: issue_refund   # billing\n"
    "    description: 'Issue a refund for the latest charge.'\n"
)
TOOLS_JSON = json.dumps(
    {"tools": [{"name": "check_integration_status", "description": "Return the integration state."}]},
    indent=2,
)


def request(
    *targets: TargetFile,
    signals=("non_answer", "escalation"),
    tools=(),
    keywords=("sso", "saml", "hi"),
    guidance=None,
) -> ProposalRequest:  # type: ignore[no-untyped-def]
    return ProposalRequest(
        "cause-x",
        "Users asking about SSO get a vague answer.",
        keywords,
        signals,
        ("User: how do I set up SAML?",),
        targets,
        guidance=guidance,
        failing_tools=tools,
    )


def new_text(req: ProposalRequest) -> dict[str, str]:
    draft = OfflineModel().propose(req)
    return apply_edits(
        {t.path: t.text for t in req.targets}, draft.edits, {t.path for t in req.targets}
    ).new_texts


def test_a_prompt_cause_gets_a_section_before_the_final_one() -> None:
    text = new_text(request(TargetFile("p.md", "system_prompt", PROMPT)))["p.md"]
    assert text.index("## Requests about sso / saml") < text.index("## Format")
    assert "offer a handoff to a human agent" in text  # from the escalation signal
    assert " hi" not in text  # filler keywords stay out
    assert text.startswith(PROMPT.split("## Format")[0])


def test_a_prompt_without_sections_gets_the_guidance_appended() -> None:
    text = new_text(request(TargetFile("p.txt", "system_prompt", "You are a helpful agent.")))["p.txt"]
    assert text.startswith("You are a helpful agent.\n\n## Requests about sso / saml")


def test_a_tool_error_cause_sharpens_the_failing_tool_only() -> None:
    req = request(
        TargetFile("t.yaml", "tool_descriptions", TOOLS_YAML),
        TargetFile("p.md", "system_prompt", PROMPT),
        signals=("tool_error",),
        tools=(("issue_refund", 9),),
        keywords=("annual", "refund"),
    )
    texts = new_text(req)
    assert list(texts) == ["t.yaml"]
    assert (
        "    description: 'Issue a refund for the latest charge. Known failure case (annual refund)"
        in texts["t.yaml"]
    )
    assert "# billing" in texts["t.yaml"] and "What to look up.}" in texts["t.yaml"]


def test_reviewer_guidance_reaches_a_tool_description_edit_too() -> None:
    req = request(
        TargetFile("t.yaml", "tool_descriptions", TOOLS_YAML),
        signals=("tool_error",),
        tools=(("issue_refund", 9),),
        keywords=("annual", "refund"),
        guidance="mention  the proration rule",
    )
    texts = new_text(req)
    assert "Reviewer guidance: mention the proration rule" in texts["t.yaml"]
    yaml.safe_load(texts["t.yaml"])  # still valid YAML


def test_json_tool_descriptions_stay_valid_json() -> None:
    req = request(
        TargetFile("t.json", "tool_descriptions", TOOLS_JSON),
        signals=("tool_error",),
        keywords=("slack", "integration"),
    )
    data = json.loads(new_text(req)["t.json"])
    assert data["tools"][0]["description"].startswith("Return the integration state. Known failure case")


def test_it_says_it_is_not_an_llm_and_is_deterministic() -> None:
    req = request(TargetFile("p.md", "system_prompt", PROMPT), guidance="Mention the SAML guide")
    a, b = OfflineModel().propose(req), OfflineModel().propose(req)
    assert a == b and a.model_path == "offline"
    assert "offline model (no LLM)" in a.rationale
    assert "Reviewer guidance: Mention the SAML guide" in a.edits[0].replace


def test_the_product_name_is_not_mistaken_for_the_topic() -> None:
    prompt = "# Lumen Assist — system prompt\n\nHelp users.\n\n## Format\nShort.\n"
    req = request(TargetFile("p.md", "system_prompt", prompt), keywords=("slack", "lumen", "channel"))
    assert "## Requests about slack / channel\n" in new_text(req)["p.md"]


def test_a_named_failing_tool_wins_when_tool_errors_are_a_main_signal() -> None:
    req = request(
        TargetFile("t.yaml", "tool_descriptions", TOOLS_YAML),
        TargetFile("p.md", "system_prompt", PROMPT),
        signals=("non_answer", "escalation", "tool_error"),
        tools=(("issue_refund", 19),),
    )
    assert list(new_text(req)) == ["t.yaml"]


def test_the_section_uses_the_prompt_s_own_heading_level() -> None:
    prompt = "# Role\nHelp.\n\n# Rules\nBe brief.\n"
    assert (
        "# Requests about sso / saml\n"
        in new_text(request(TargetFile("p.md", "system_prompt", prompt)))["p.md"]
    )
    assert "## Requests" not in new_text(request(TargetFile("p.md", "system_prompt", prompt)))["p.md"]
