"""Fast, model-free behaviour of keywords, categories, stable ids and the cluster post-steps."""

from __future__ import annotations

import numpy as np

from agentmend.analysis import cluster as clustering
from agentmend.analysis.labels import category, ctfidf_keywords, slugify
from agentmend.analysis.records import Outcome, SignalHit
from agentmend.analysis.stable_ids import Candidate, Known, assign, content_id
from agentmend.repo_config import ClusteringConfig


def _outcome(failed: bool, *signals: str) -> Outcome:
    hits = tuple(SignalHit(s, 1, "") for s in signals)  # type: ignore[arg-type]
    return Outcome("c", failed, hits, 1 if failed else None)


def test_keywords_name_what_sets_a_cluster_apart() -> None:
    kws = ctfidf_keywords(
        {
            0: ["SSO with SAML fails", "configure SAML SSO for okta", "SAML login loop"],
            1: ["export tasks to CSV", "CSV export of a project", "download CSV"],
        }
    )
    assert "saml" in kws[0][:3]
    assert "csv" in kws[1][:3]
    assert not set(kws[0]) & {"csv"}


def test_slug_is_branch_safe_and_made_of_keywords() -> None:
    assert slugify(("sso", "saml", "onboarding")) == "sso-saml-onboarding"
    assert slugify(("Can't log in!", "SSO")) == "can-t-log-in-sso"
    assert slugify(()) == "cluster"


def test_cancel_requests_are_churn_risk_only_when_they_go_badly() -> None:
    texts = ["I want to cancel and get a refund", "please cancel my subscription", "refund the annual plan"]
    assert category((), texts, [_outcome(True, "escalation")] * 3) == "churn_risk"
    assert category((), texts, [_outcome(False)] * 3) != "churn_risk"


def test_categories_follow_explainable_rules() -> None:
    ok = [_outcome(False)] * 3
    assert category((), ["the slack integration is broken", "error 500 on save", "app not working"], ok) == (
        "bug_report"
    )
    assert (
        category((), ["how do I set up SSO", "configure SAML", "install the agent"], ok) == "setup_friction"
    )
    assert category((), ["can you add dark mode?", "is it possible to add gantt", "feature idea"], ok) == (
        "feature_request"
    )
    assert category(
        (), ["how do I change my email", "how do I rename a project", "where can I see invoices"], ok
    ) == ("how_to")
    assert category((), ["hello", "thanks", "good morning"], ok) == "other"


def _unit(*xs: float) -> np.ndarray:
    v = np.array(xs, dtype=np.float32)
    return v / np.linalg.norm(v)


def test_a_cluster_that_moved_a_little_keeps_its_id_one_to_one() -> None:
    known = [Known("cause-aaa", "sso-saml", _unit(1, 0, 0)), Known("cause-bbb", "csv-export", _unit(0, 1, 0))]
    cands = [
        Candidate(0, _unit(0.1, 1, 0), "export my tasks", "export-tasks"),
        Candidate(1, _unit(1, 0.1, 0), "saml setup", "saml-setup"),
        Candidate(2, _unit(0, 0, 1), "dark mode", "dark-mode"),
    ]
    ids = assign("cause", cands, known, min_similarity=0.8)
    assert (ids[0].id, ids[0].slug) == ("cause-bbb", "csv-export")
    assert (ids[1].id, ids[1].slug) == ("cause-aaa", "sso-saml")
    assert ids[2].id == content_id("cause", "dark mode") and not ids[2].matched


def test_without_memory_ids_come_from_content_and_repeat() -> None:
    cands = [Candidate(0, _unit(1, 0), "same text", "a"), Candidate(1, _unit(0, 1), "other", "b")]
    first = assign("intent", cands, [], 0.8)
    again = assign("intent", list(reversed(cands)), [], 0.8)
    assert first == again
    assert len({a.id for a in first.values()}) == 2
    assert all(a.id.startswith("intent-") for a in first.values())


def test_two_clusters_with_the_same_medoid_text_still_get_distinct_ids_and_slugs() -> None:
    cands = [Candidate(0, _unit(1, 0), "help", "help"), Candidate(1, _unit(0, 1), "help", "help")]
    ids = assign("cause", cands, [], 0.8)
    assert ids[0].id != ids[1].id and ids[0].slug != ids[1].slug


def test_pieces_of_one_cluster_are_merged_and_a_stray_member_becomes_noise() -> None:
    rng = np.random.default_rng(0)
    base_a, base_b = _unit(1, 0, 0, 0), _unit(0, 0, 1, 0)
    a1 = base_a + rng.normal(0, 0.05, (10, 4))
    a2 = _unit(1, 0.4, 0, 0) + rng.normal(0, 0.05, (10, 4))
    b = base_b + rng.normal(0, 0.05, (10, 4))
    stray = _unit(0.3, 0, 0, 1)[None, :]
    vecs = np.vstack([a1, a2, b, stray]).astype(np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    labels = np.array([0] * 10 + [1] * 10 + [2] * 10 + [0])
    merged = clustering.merge_similar(vecs, labels, 0.6)
    assert len(set(merged[:20])) == 1 and merged[0] != merged[20]
    trimmed = clustering.trim_outliers(vecs, merged, 3.0)
    assert trimmed[-1] == clustering.NOISE
    assert (trimmed[:30] != clustering.NOISE).all()


def test_noise_is_kept_unless_a_floor_is_set() -> None:
    vecs = np.stack([_unit(1, 0), _unit(1, 0.1), _unit(0.9, 0.3)])
    labels = np.array([0, 0, clustering.NOISE])
    assert clustering.assign_noise(vecs, labels, 0.0)[2] == clustering.NOISE
    assert clustering.assign_noise(vecs, labels, 0.5)[2] == 0
    assert clustering.assign_noise(vecs, labels, 0.999)[2] == clustering.NOISE


def test_pieces_worded_apart_but_failed_with_the_same_answer_are_one_cause() -> None:
    """Two vendors' SSO questions (unlike topics) both got the same vague reply: one cause. A third
    topic with its own reply, and a piece with no assistant answer at all, stay apart."""
    rng = np.random.default_rng(1)
    topics = [_unit(1, 0, 0, 0), _unit(0, 1, 0, 0), _unit(0, 0, 1, 0), _unit(0, 0, 0, 1)]
    vague, refusal = _unit(1, 1, 0, 0), _unit(0, 0, 1, -1)
    vecs = np.vstack([t + rng.normal(0, 0.05, (8, 4)) for t in topics]).astype(np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    answers = np.vstack(
        [vague + rng.normal(0, 0.05, (8, 4)), vague + rng.normal(0, 0.05, (8, 4))]
        + [refusal + rng.normal(0, 0.05, (8, 4)), np.zeros((8, 4))]
    ).astype(np.float32)
    pieces = np.repeat(np.arange(4), 8)
    cfg = ClusteringConfig()

    def given(reduced: np.ndarray, _cfg: ClusteringConfig) -> np.ndarray:
        return pieces

    def run(threshold: float | None) -> np.ndarray:
        return clustering.run(
            vecs,
            cfg,
            reducer=lambda v, _c: v,
            clusterer=given,
            merge_similarity=0.6,
            answers=answers,
            answer_merge_similarity=threshold,
        ).labels

    apart = run(None)
    assert len(set(apart.tolist())) == 4
    merged = run(0.8)
    assert merged[0] == merged[8]
    assert len({merged[0], merged[16], merged[24]}) == 3
    assert (merged != clustering.NOISE).all()


def test_labels_leave_out_function_words_of_other_languages_but_keep_english_content_words() -> None:
    from agentmend.analysis.labels import ctfidf_keywords

    keywords = ctfidf_keywords(
        {
            0: ["quiero abrir un parte por la tormenta de ayer", "se me rompió la ventana por la tormenta"],
            1: ["o vidro do carro partiu-se com a tempestade", "a tempestade partiu o vidro da sala"],
            2: ["the total on my invoice is fine but the date is wrong", "come and fix the total please"],
        }
    )
    assert keywords[0][0] == "tormenta" and keywords[1][0] == "tempestade"
    words = {w for k in keywords.values() for t in k for w in t.split()}
    assert not {"la", "por", "de", "do", "da", "com"} & words
    assert {"total", "date"} <= {w for t in keywords[2] for w in t.split()}
