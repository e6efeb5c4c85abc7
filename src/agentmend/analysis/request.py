"""What a conversation is about: the content-bearing part of its first user turns.

Real openers are often "Hi!", "hello, I need some help" or "my booking ref is ABC123", with the topic in the
next sentence or the next turn. Embedding the opener verbatim groups users by how they greet, so intents are
built from the clauses that carry a topic: greetings, pleasantries, generic pleas for help, ids, booking
references, e-mails and PII placeholders are dropped, and when the first user turn has nothing left the next
one is used. Hand-written (a short lexicon and regexes) because no library we ship strips conversational
filler; the lexicon covers the greetings of the languages agentmend's users most often write in.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from agentmend.analysis.typos import edits, one_edit
from agentmend.conversations.model import Conversation
from agentmend.conversations.redact import redact_words

# How many user turns to look through for a topic before giving up (then the first turn, verbatim).
TOPIC_TURNS = 3

_PLACEHOLDER = re.compile(r"\[[A-Z_ ]{2,30}\]|<[A-Z_ ]{2,30}>|\{[a-z_ ]{2,30}\}|\{\{[^}]{1,30}\}\}")
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_URL = re.compile(r"\bhttps?://\S+|\bwww\.\S+", re.I)
# An id, booking reference, order or card number: a token that mixes letters and digits, or a long number.
_ID = re.compile(r"\b(?=[A-Za-z0-9_-]*\d)[A-Za-z0-9][A-Za-z0-9_-]{3,}\b|\b\d[\d\s-]{4,}\d\b|#\w+")
# A booking code of letters alone ("PLFQHF", "dghhmp"): five to eight capitals with at most one vowel, or five
# to eight letters with none, which no word of the languages covered is; "HELLO", "REFUND" and short acronyms
# ("SSO", "VAT") stay.
_CAPS_CODE = re.compile(
    r"\b(?=[A-Z]{5,8}\b)[B-DF-HJ-NP-TV-XZ]*[AEIOUY]?[B-DF-HJ-NP-TV-XZ]*\b|\b[b-df-hj-np-tv-xzB-DF-HJ-NP-TV-XZ]{5,8}\b"
)
# "my booking ref is", "order number:": the reference is gone; its announcement carries no topic either.
_REF_PHRASE = re.compile(
    r"\b(?:my|our|the)?\s*(?:booking|order|reservation|confirmation|account|customer|ticket|case|member(?:ship)?)"
    r"\s+(?:ref(?:erence)?|number|no\.?|code|id)\b\s*(?:is|was|=|:)?",
    re.I,
)
# "ticket 48213", "case #77", "ref: XK2P": a reference word followed by its id says nothing about the topic.
_REF_ID = re.compile(
    r"\b(?:ticket|case|ref(?:erence)?|confirmation|pnr)\s*(?:#|no\.?|number|code|id)?\s*[:#]?\s*"
    r"(?=[A-Za-z0-9-]*\d)[A-Za-z0-9-]{3,}\b",
    re.I,
)
_CLAUSE = re.compile(r"(?<=[.!?;:])\s+|\n+|\s+-{1,2}\s+|,\s+(?=(?:but|so|and|i|i'm|we|my|can|could)\b)", re.I)
_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)

# Words that carry no topic on their own: greetings, thanks, politeness and pleas for help, in the languages
# agentmend's users most often write in. A clause made only of these (and stop words) is dropped.
FILLER = frozenset(
    """
    hi hii hiya hello helo hey heya hallo hullo howdy yo greetings morning afternoon evening good day
    dear team support agent there folks guys everyone anyone sir madam
    thanks thank thx ty cheers appreciate appreciated appreciation advance grateful kindly please pls plz
    sorry excuse bother bothering apologies
    help helping helped assist assistance assistant question questions query issue issues problem problems
    trouble something thing things quick quickly wondering wonder hoping hope ask asking wanted want wants
    need needs needed like able possible maybe just really actually also hopefully today right now
    ok okay yes yeah yep sure great perfect awesome fine nice lovely wonderful
    i'm im i've ive i'd id i'll ill you're youre it's its that's thats there's theres can't cant don't dont
    hola buenos buenas dias días tardes noches gracias favor ayuda necesito ayudar pregunta quiero
    bonjour bonsoir salut merci aide besoin question svp s'il plait plaît j'ai voudrais
    hallo guten tag morgen abend danke bitte hilfe brauche frage ich habe
    ciao buongiorno buonasera grazie aiuto bisogno domanda vorrei
    olá ola oi bom dia boa tarde noite obrigado obrigada ajuda preciso pergunta
    """.split()  # noqa: SIM905  (a word list reads better as text)
)
_NO_TOPIC = FILLER | frozenset(ENGLISH_STOP_WORDS)


def strip_ids(text: str) -> str:
    """Remove e-mails, URLs, ids, booking references and PII placeholders: they name no topic.

    Redaction runs first: cutting ids out of a secret would leave fragments the redactor no longer knows.
    """
    text = redact_words(text)
    for pattern in (_PLACEHOLDER, _EMAIL, _URL, _REF_ID, _ID, _CAPS_CODE, _REF_PHRASE):
        text = pattern.sub(" ", text)
    return " ".join(text.split())


_LONG_FILLER = tuple(w for w in FILLER if len(w) >= 5)
# Greetings and closings that users mistype most ("hllo", "thre", "mornign", "GOOD MRNNG"): matched with
# one edit from four letters, two edits from seven. Other filler needs five letters and one edit, so short
# content words ("file", "term") never become filler.
_GREETINGS = ("hello", "hallo", "there", "morning", "afternoon", "evening", "thanks", "cheers", "please")


@lru_cache(maxsize=65536)
def is_filler(word: str) -> bool:
    """Filler, a stop word, a filler word with one typo ("aftenoon", "heklo", "thnaks"), or a mistyped
    greeting ("hllo", "thre", "mrnng")."""
    if word in _NO_TOPIC:
        return True
    if len(word) >= 4 and any(
        edits(word, g, 2 if len(g) >= 7 else 1) <= (2 if len(g) >= 7 else 1) for g in _GREETINGS
    ):
        return True
    return len(word) >= 5 and any(one_edit(word, f) for f in _LONG_FILLER)


def _is_plea(word: str) -> bool:
    """A word of the greeting and politeness lexicon proper (not merely a stop word)."""
    return word in FILLER or (word not in ENGLISH_STOP_WORDS and is_filler(word))


def trim_filler(clause: str) -> str:
    """Cut a greeting or plea that opens or closes a clause ("Good morning is there a faster option",
    "hello, need some help how do I …", "… cheers"): the longest opening (closing) run of filler and stop
    words that ends (starts) on a greeting or plea word. Stop words alone are kept ("not receiving …")."""
    words = list(_WORD.finditer(clause))
    lowered = [m.group(0).lower() for m in words]
    start = 0
    for i, w in enumerate(lowered):
        if not is_filler(w):
            break
        if _is_plea(w):
            start = i + 1
    end = len(words)
    for i in range(len(words) - 1, start - 1, -1):
        if not is_filler(lowered[i]):
            break
        if _is_plea(lowered[i]):
            end = i
    if start >= end:
        return ""
    return clause[words[start].start() : words[end - 1].end()] if (start, end) != (0, len(words)) else clause


def content_words(text: str) -> list[str]:
    """The words of `text` that can carry a topic (not filler, not stop words)."""
    return [w for w in (m.group(0).lower() for m in _WORD.finditer(text)) if not is_filler(w)]


@lru_cache(maxsize=65536)
def topic_of_text(text: str) -> str:
    """The clauses of one message that carry a topic, joined; "" when none does (remembered per text:
    openers like "hi, I need help" recur thousands of times)."""
    kept = []
    for clause in _CLAUSE.split(strip_ids(text)):
        clause = trim_filler(clause.strip(" ,.;:!?-"))
        if clause and content_words(clause):
            kept.append(clause)
    return ". ".join(kept)


def topic_from_turns(texts: Sequence[str]) -> str:
    """The first of `texts` (user turns, in order) that carries a topic, reduced to its topical clauses."""
    for text in texts[:TOPIC_TURNS]:
        topic = topic_of_text(text)
        if topic:
            return topic
    return next((t.strip() for t in texts if t.strip()), "")


def topic(conv: Conversation) -> str:
    """What the user came for, from the first user turns that carry a topic."""
    return topic_from_turns([t.text for t in conv.turns if t.role == "user" and t.text.strip()])
