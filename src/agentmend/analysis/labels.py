"""Readable cluster labels: c-TF-IDF keywords, and an explainable category per intent."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer

from agentmend.analysis.records import IntentCategory, Outcome
from agentmend.analysis.stop_words import stop_words

TOP_KEYWORDS = 8
LABEL_KEYWORDS = 3


def ctfidf_keywords(
    docs_by_cluster: Mapping[int, Sequence[str]], top: int = TOP_KEYWORDS
) -> dict[int, tuple[str, ...]]:
    """Class-based TF-IDF (BERTopic): terms frequent in one cluster and rare across the others.

    Each cluster's texts form one document; weight = tf(term, cluster) * log(1 + A / f(term)), A being
    the average number of words per cluster. Uni- and bigrams; stop words removed in English and the other
    languages `stop_words.py` covers, so a cluster of Spanish requests is not labelled "la / que / del".
    """
    keys = sorted(docs_by_cluster)
    if not keys:
        return {}
    joined = [" ".join(docs_by_cluster[k]) for k in keys]
    vectorizer = CountVectorizer(
        stop_words=sorted(stop_words()), ngram_range=(1, 2), token_pattern=r"(?u)\b[a-zA-Z][\w'-]+\b"
    )
    try:
        counts = vectorizer.fit_transform(joined).toarray().astype(float)
    except ValueError:  # only stop words / empty texts
        return {k: () for k in keys}
    terms = vectorizer.get_feature_names_out()
    tf = counts / np.maximum(counts.sum(axis=1, keepdims=True), 1.0)
    avg_words = counts.sum() / len(keys)
    idf = np.log(1.0 + avg_words / np.maximum(counts.sum(axis=0), 1.0))
    weights = tf * idf
    out: dict[int, tuple[str, ...]] = {}
    for row, k in enumerate(keys):
        order = sorted(
            (i for i in np.flatnonzero(counts[row] > 0)), key=lambda i: (-weights[row, i], terms[i])
        )
        out[k] = _distinct([str(terms[i]) for i in order], top)
    return out


def _distinct(ranked: Sequence[str], top: int) -> tuple[str, ...]:
    """Drop a term already covered by a higher-ranked one (a unigram inside a chosen bigram, and back)."""
    chosen: list[str] = []
    for term in ranked:
        words = set(term.split())
        if any(words <= set(c.split()) or set(c.split()) <= words for c in chosen):
            continue
        chosen.append(term)
        if len(chosen) == top:
            break
    return tuple(chosen)


def label_from(keywords: Sequence[str]) -> str:
    return " / ".join(keywords[:LABEL_KEYWORDS]) if keywords else "(no keywords)"


def slugify(keywords: Sequence[str], max_len: int = 48) -> str:
    """Branch-safe slug from the top keywords, e.g. `sso-saml-onboarding`."""
    words: list[str] = []
    for kw in keywords[:LABEL_KEYWORDS]:
        for w in re.split(r"[^a-z0-9]+", kw.lower()):
            if w and w not in words:
                words.append(w)
    slug = "-".join(words)[:max_len].strip("-")
    return slug or "cluster"


# Category rules: each is a pattern over the cluster's texts; the explanation is the pattern itself.
_PATTERNS: dict[IntentCategory, re.Pattern[str]] = {
    "churn_risk": re.compile(
        r"\b(cancel\w*|refund\w*|downgrad\w*|unsubscribe|close (my|the) account|switch(ing)? to|"
        r"terminate|end (my|the) (subscription|plan|contract)|money back)\b",
        re.I,
    ),
    "bug_report": re.compile(
        r"\b(error\w*|broken|bug\w*|crash\w*|not working|doesn'?t work|does not work|isn'?t working|"
        r"fail(s|ed|ing)?|stopped working|won'?t (load|open|work|sync)|500|timeout|timed out|glitch)\b",
        re.I,
    ),
    "setup_friction": re.compile(
        r"\b(set ?up|setting up|configur\w*|install\w*|sso|saml|onboard\w*|integrat\w*|connect(ing)?|"
        r"invite|activate|activation|api key|webhook|domain|verify|verification)\b",
        re.I,
    ),
    "feature_request": re.compile(
        r"(can you add|could you add|is it possible|would be (great|nice)|feature|support for|"
        r"do you (support|plan)|any plans?|wish (it|you)|please add|roadmap)",
        re.I,
    ),
    "how_to": re.compile(
        r"\b(how (do|can|to|should) (i|we|you)?|how do|where (do|can|is)|what is the way)\b", re.I
    ),
}
# A cluster gets a category when at least this share of its texts match the rule.
CATEGORY_MIN_SHARE = 0.3
CHURN_MIN_FAILURE = 0.3


def category(keywords: Sequence[str], texts: Sequence[str], outcomes: Sequence[Outcome]) -> IntentCategory:
    """Explainable rules, in priority order: churn (cancel/refund/downgrade words with a negative
    outcome) > bug report > setup friction > feature request > how-to > other.

    A rule fires when ≥ 30% of the texts (or any of the top keywords) match its pattern. Churn also needs
    ≥ 30% of the conversations to have failed or carried negative feedback: asking how to cancel and
    getting a clean answer is a how-to, not a churn risk.
    """
    if not texts:
        return "other"
    failed_share = sum(o.failed for o in outcomes) / len(outcomes) if outcomes else 0.0
    negative = any(h.name == "negative_feedback" for o in outcomes for h in o.signals)
    kw_text = " ".join(keywords[:LABEL_KEYWORDS])
    for name, pattern in _PATTERNS.items():
        share = sum(bool(pattern.search(t)) for t in texts) / len(texts)
        hit = share >= CATEGORY_MIN_SHARE or bool(pattern.search(kw_text))
        if not hit:
            continue
        if name == "churn_risk" and not (failed_share >= CHURN_MIN_FAILURE or (negative and share >= 0.5)):
            continue
        return name
    return "other"
