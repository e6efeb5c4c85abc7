"""Failure signals: explainable reasons to believe a conversation went wrong, and where.

Each signal is a `SignalHit` with the turn it fired on and the words that made it fire. Phrases match
case-insensitively on word boundaries (never inside another word; curly apostrophes count as straight ones,
and the apostrophe itself is optional, so "dont" matches "don't"). Common words typed with two adjacent
letters swapped ("tahnk you") still match. Words that say an answer did not work ("still the same error",
"that's not what my booking says") only count once the assistant has answered.

**Abandonment** is the conversation ending unresolved: on the user's unanswered message (unless it is thanks,
a resolution or a short acknowledgement such as "ta" or "yes it's fast again"), on a tool result, or on an
assistant turn that is a non-answer, asks the user something (other than "anything else?"), or answers a
complaint the user never confirmed was solved. "ok"/"bye" after an answer is judged by that answer.

A conversation **failed** when any of these fired: negative_feedback, escalation, expectation_downgrade,
abandonment, or a tool_error the conversation did not recover from (no later successful call of the same
tool); or when at least two distinct weaker signals fired (frustration, rephrasing, non_answer,
long_unresolved, a recovered tool_error).

The **failing turn** is the assistant (or tool) turn where it went wrong: the turn that itself fired
(non_answer, tool_error, abandonment after an assistant turn), or the assistant turn right before the user
turn that showed a signal; the earliest such turn wins. Long conversations and recovered tool errors only
decide it when nothing else fired.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache

import numpy as np

from agentmend.analysis.records import Outcome, SignalHit
from agentmend.analysis.typos import one_edit
from agentmend.conversations.model import Conversation, Turn
from agentmend.repo_config import SignalName, SignalsConfig

VectorOf = Callable[[str], np.ndarray]

# Phrases are plain text (see `phrase_pattern`); a few need context and are written as regexes.
ESCALATION_PHRASES: tuple[str, ...] = (
    "real person",
    "real human",
    "actual person",
    "actual human",
    "human agent",
    "live agent",
    "live person",
    "live chat with a person",
    "a human please",
    "human please",
    "get me a human",
    "is there a human",
    "are you a human",
    "are you a bot",
    "support ticket",
    "open a ticket",
    "file a ticket",
    "raise a ticket",
    "escalate this",
    "escalate it",
    "escalate my",
    "your manager",
    "customer service rep",
    "call me back",
    "phone support",
)
_ESCALATION_REGEXES: tuple[str, ...] = (
    r"\b(?:talk|speak|chat)\s+(?:to|with)\s+(?:a|an|the|your|some|any)?\s*(?:real\s+|actual\s+|live\s+)?"
    r"(?:human|person|agent|manager|supervisor|representative|rep|someone|somebody|anyone|employee|staff)\b",
    r"\b(?:connect|transfer|put)\s+me\s+(?:to|with|through\s+to)\s+(?:a|an|the|your|some)?\s*(?:[\w-]+\s+){0,2}"
    r"(?:human|person|agent|manager|supervisor|representative|rep|someone|somebody|support|staff|operator|team)\b",
    # "I need a person" / "get me your supervisor", but not "I want a manager role"
    r"\b(?:need|want|get\s+me)\s+(?:a|an|your)\s+(?:real\s+|actual\s+)?"
    r"(?:human|person|manager|supervisor|representative)\b"
    r"(?!\s+(?:role|account|permission|permissions|access|seat|license|view|dashboard|plan)\b)",
    r"\bnot\s+(?:a|this|the)\s+(?:bot|chatbot|robot|ai)\b",
    r"\b(?:someone|somebody|anyone)\s+from\s+(?:your|the)\s+(?:team|company|support|staff|billing)\b",
)
FRUSTRATION_PHRASES: tuple[str, ...] = (
    "this is useless",
    "you are useless",
    "you're useless",
    "so useless",
    "useless bot",
    "ridiculous",
    "are you even listening",
    "you're not listening",
    "you are not listening",
    "not listening to me",
    "not helpful",
    "unhelpful",
    "waste of time",
    "wasting my time",
    "frustrating",
    "frustrated",
    "annoying",
    "this is stupid",
    "stupid bot",
    "terrible",
    "awful",
    "pathetic",
    "i already told you",
    "i already said",
    "as i said",
    "like i said",
    "for the second time",
    "for the third time",
    "for the last time",
    "what the hell",
    "wtf",
    "are you kidding",
    "you don't understand",
    "not what i asked",
    "that's not what i",
    "still not working",
    "still doesn't work",
    "still does not work",
    "this is a joke",
    "fed up",
    "sick of",
    "seriously?",
    "pointless",
    "not helping",
    "unbelievable",
    "i just told you",
    "i told you",
)
_FRUSTRATION_REGEXES: tuple[str, ...] = (r"[!?]*(?:!{3,}|\?{3,}|(?:\?!|!\?){2,})[!?]*",)
# After an answer, these say it did not work ("that doesn't help", "still the same error"); in an opening
# message they only describe the problem, so they are not read there.
_RETRY_REGEXES: tuple[str, ...] = (
    r"\b(?:that|this|it|which)\s+(?:doesn't|does\s+not|didn't|did\s+not)\s+(?:help|answer|work)\b",
    r"\b(?:doesn't|does\s+not|didn't|did\s+not)\s+answer\s+my\s+question\b",
    r"\bstill\s+(?:the\s+same|not\s+working|doesn't\s+work|broken|failing|expired|getting\s+the\s+same)\b",
    r"\b(?:same|identical)\s+(?:error|problem|issue|message)\s+(?:again|as\s+before)\b",
    r"\bstill\s+(?:nothing|no|not|isn't|won't|can't)\b",
    r"\b(?:no|zero)\s+change\b",
    r"^\W*nope\b",
    r"\b(?:expired|failed|broke|broken|crashed|stuck|wrong|same\s+(?:thing|error|problem))\s+again\b",
    r"\b(?:didn't|did\s+not|doesn't|does\s+not)\s+(?:work|fix\s+it|change\s+anything)\b",
    r"\bno\s+luck\b",
    # the answer is disputed
    r"\b(?:that's|that\s+is|this\s+is|it's)\s+(?:not\s+(?:what|true|right|correct)|wrong|incorrect)\b",
    r"\bare\s+you\s+sure\b",
)
NON_ANSWER_PHRASES: tuple[str, ...] = (
    "i'm not able to",
    "i am not able to",
    "i'm unable to",
    "i am unable to",
    "i can't help with",
    "i cannot help with",
    "i can't help you with",
    "i cannot help you with",
    "i can't assist with",
    "i cannot assist with",
    "i don't have information",
    "i do not have information",
    "i don't have any information",
    "i do not have any information",
    "i don't have that information",
    "i don't have details",
    "i don't have access to",
    "i do not have access to",
    "i don't have the ability",
    "i can't provide",
    "i cannot provide",
    "i can't do that",
    "i cannot do that",
    "i'm afraid i can't",
    "i'm afraid i cannot",
    "unfortunately, i can't",
    "unfortunately i can't",
    "unfortunately, i cannot",
    "unfortunately i cannot",
    "i'm sorry, but i can't",
    "i'm sorry, but i cannot",
    "please refer to our documentation",
    "please refer to the documentation",
    "please refer to our help center",
    "please check our help center",
    "please check the documentation",
    "please contact support",
    "please contact our support team",
    "please reach out to support",
    "i'm not sure",
    "i am not sure",
    "i don't know",
    "i do not know",
    "outside the scope",
    "outside of my scope",
    "beyond my capabilities",
    "something went wrong",
    "an error occurred",
    "i encountered an error",
    "technical difficulties",
    "please try again later",
)
_NON_ANSWER_REGEXES: tuple[str, ...] = (
    r"\bi\s+(?:don't|do\s+not)\s+have\s+(?:any\s+|the\s+|specific\s+|enough\s+|more\s+|that\s+|those\s+)*"
    r"(?:information|details|info|access)\b",
    # deflection to documentation instead of an answer
    r"\b(?:refer\s+to|check(?:ing)?(?:\s+with)?|consult(?:ing)?|look\s+at)\s+(?:our|the|your)\s+"
    r"(?:[\w']+\s+)?(?:documentation|docs|help\s*center|knowledge\s*base|faq|it\s+(?:team|admin\w*))\b",
    r"\b(?:documentation|docs|help\s*center|knowledge\s*base)\s+(?:may|might|should|could|would)\s+"
    r"(?:have|cover|help|explain)\b",
    r"\bdocumentation\s+is\s+the\s+best\s+place\b",
    # capability denials
    r"\b(?:isn't|is\s+not|aren't|are\s+not)\s+(?:possible|supported|available|something\s+\w+\s+supports)\b",
    r"\b(?:doesn't|does\s+not)\s+(?:support|offer|allow)\b",
    # the assistant reporting that it failed to do the task
    r"\b(?:failed\s+to\s+go\s+through|could\s+not\s+be\s+(?:completed|processed)|couldn't\s+(?:complete|process))\b",
)
DOWNGRADE_PHRASES: tuple[str, ...] = (
    "nevermind",
    "nvm",
    "i'll do it myself",
    "i will do it myself",
    "i'll just do it myself",
    "i'll do it manually",
    "i'll just do it manually",
    "forget about it",
    "i'll figure it out",
    "i will figure it out",
    "i'll figure it out myself",
    "doesn't matter anymore",
    "does not matter anymore",
    "doesn't matter any more",
    "i give up",
    "i'll look elsewhere",
    "i'll go elsewhere",
    "i'll ask someone else",
    "i'll find another way",
    "don't bother",
    "not worth it",
    "thanks anyway",
    "thanks anyways",
    "thank you anyway",
    "i'll just google it",
    "i'll google it",
)
_DOWNGRADE_REGEXES: tuple[str, ...] = (
    # "never mind" as an interjection, not "I never mind waiting"
    # (the lookbehinds sit after the first word so they only run where that word is)
    r"\bnever(?<!\bi never)(?<!\bwe never)(?<!\byou never)(?<!\bthey never)(?<!\bhe never)(?<!\bshe never)"
    r"(?<!'d never)(?<!\bwould never)\s*mind\b",
    r"\bforget(?<!don't forget)(?<!dont forget)(?<!do not forget)(?<!won't forget)(?<!not forget)"
    r"(?<!never forget)\s+it\b",
    # resignation: "ugh ok, I'll copy paste everything", "fine, I'll screenshot it"
    r"\b(?:ugh|fine|whatever|meh|sigh)\b[\s,.!]+(?:ok(?:ay)?[\s,.!]+)?i'?ll\b",
    r"\bi'?ll\s+(?:just\s+)?(?:\w+\s+){0,4}(?:myself|manually|by\s+hand)\b",
    r"\bi'?ll\s+(?:just\s+)?find\s+(?:a|another)\s+(?:workaround|way|tool|solution)\b",
)


def _one_slip(words: tuple[str, ...], real: tuple[str, ...]) -> str:
    """A regex for `words` typed with one letter dropped, doubled or replaced ("thak", "thannks", "tgank"),
    never matching the real words in `real`; "thank" forms must be followed by "you"/"u" or be "…ks"."""
    forms: set[str] = set()
    for w in words:
        for i in range(len(w)):
            forms.add(re.escape(w[:i]) + "[a-z]" + re.escape(w[i + 1 :]))  # replaced
            forms.add(re.escape(w[:i]) + re.escape(w[i + 1 :]))  # dropped
            forms.add(re.escape(w[: i + 1]) + re.escape(w[i]) + re.escape(w[i + 1 :]))  # doubled
    guard = "".join(f"(?!{r}(?!\\w))" for r in real)
    body = "|".join(sorted(forms, key=len, reverse=True))
    return f"{guard}(?:{body})(?=s?(?!\\w)|\\s+(?:you|u)(?!\\w))"


GRATITUDE = re.compile(
    r"(?<!\w)(?:thanks|thank\s+(?:you|u)|thank-?you|thnx|thanx|thnks|thx|ty|tysm|tyvm|cheers|"
    + _one_slip(
        ("thank", "thanks", "cheers"),
        ("think", "thinks", "thick", "tank", "tanks", "thing", "things", "than", "cheer", "chees"),
    )
    + r"|appre\w{3,5}e\s+(?:it|that)|much\s+appreciated|appreciate\s+(?:it|that|the\s+help)"
    r"|that\s+(?:worked|works|did\s+it|did\s+the\s+trick|fixed\s+it|helps|helped|solved\s+it)|it\s+works\s+now"
    r"|works\s+now|it\s+worked|problem\s+solved|all\s+(?:good|set|sorted)|perfect|awesome|brilliant"
    r"|great,?\s+(?:thanks|thank\s+you)|got\s+it|(?:exactly\s+)?what\s+i\s+needed|that\s+answers"
    r"|makes\s+sense|that's\s+it|resolved|fixed\s+now|that's\s+(?:all|everything)(?:\s+i\s+(?:need|needed|wanted))?"
    r"|(?:i\s+)?(?:don't|do\s+not)\s+need\s+anything\s+else|nothing\s+else"
    r"|you'?re\s+a\s+(?:star|legend|gem|lifesaver|diamond)|lifesaver"
    # thanks in other common languages
    r"|merci|danke|dankesch[öo]n|vielen\s+dank|gracias|muchas\s+gracias|grazie|obrigad[oa]|bedankt|dank\s+(?:je|u)"
    r"|tack|takk|tak|dzi[eę]kuj[eę]|dzi[eę]ki|dank\s*je\s*wel|dank\s*u\s*wel|spasibo|d[ée]j[àa]\s+r[ée]gl[ée]|parfait"
    r"|perfecto|perfetto|prima|agradecid[oa]|valeu|go\s+raibh\s+maith\s+agat|"
    # …typed with one slip ("grazue", "dziękki", "bedankkt")
    + _one_slip(("grazie", "dzięki", "dzieki", "bedankt", "gracias", "obrigado", "obrigada"), ("gracia",))
    + r")(?!\w)|спасибо|ありがとう|谢谢|شكرا|teşekkür|\U0001f44d|\U0001f64f",
    re.IGNORECASE,
)
"""Thanks or a report that the problem is solved: what a resolved conversation's user says."""

_NO_TROUBLE = re.compile(  # a "no" that reassures: "no worries", "nessun problema", "geen probleem"
    r"(?<!\w)(?:no\s+(?:worries|problem|bother|stress)|not\s+a\s+problem|nessun\s+problema|geen\s+probleem"
    r"|pas\s+de\s+probl[eè]me|kein\s+problem|sin\s+problema|sem\s+problema|no\s+hay\s+problema)(?!\w)",
    re.IGNORECASE,
)
_NOT_RESOLVED = re.compile(
    r"(?<!\w)(?:but|still|not|no|never|anyway|anyways|for\s+nothing|in\s+advance)(?!\w)|n't\b|n't\s",
    re.IGNORECASE,
)
_CLOSING = re.compile(
    r"^\W*(?:ok(?:ay)?|k|cool|great|fine|bye|goodbye|good\s*bye|sounds\s+good|will\s+do|understood|alright|right)"
    r"\W*$",
    re.IGNORECASE,
)
_CHECK_IN = re.compile(
    r"(?<!\w)(?:anything\s+else|any\s+other\s+questions|does\s+(?:that|this)\s+(?:help|answer)|hope\s+(?:that|this)"
    r"\s+helps|let\s+me\s+know\s+if|further\s+questions|help\s+you\s+with\s+today"
    # the same check-in in the languages GRATITUDE knows: "¿algo más?", "mais alguma coisa?", "autre chose ?"
    r"|algo\s+más|algo\s+mas|alguna\s+otra\s+cosa|alguma\s+coisa|mais\s+alguma|autre\s+chose|sonst\s+noch"
    r"|noch\s+etwas|qualcos['’]?\s*altro|qualcosa\s+d['’]?altro|iets\s+anders|coś\s+jeszcze|w\s+czymś\s+jeszcze"
    r"|c['’]?è\s+altro|serve\s+altro|altro\s+(?:che|in\s+cui)\s+posso|(?:verder\s+)?nog\s+iets|w\s+czym\s+jeszcze"
    r"|czy\s+mogę\s+(?:jeszcze|w\s+czymś))(?!\w)",
    re.IGNORECASE,
)
# What takes a reply to "anything else?" back: a "but", a problem still there. A bare "no" answers it.
_STILL_WRONG = re.compile(
    r"(?<!\w)(?:but|still|not|never|anyway|anyways|for\s+nothing|pero|todavía|aún|ainda"
    r"|aber|immer\s+noch|ancora|però|maar|nog\s+steeds|ale)(?!\w)|n't\b",
    re.IGNORECASE,
)
CHECK_IN_REPLY_WORDS = 8  # a reply to "anything else?" this short that takes nothing back closes it
TOOL_ERROR = re.compile(
    r"Traceback \(most recent call last\)"
    r"|\b(?:[A-Z][a-zA-Z]*)?(?:Error|Exception)\b\s*[:(]"
    r"|^\s*(?:error|fatal|exception)\b"
    r"|[\"']?\b(?:error|error_message|errors)\b[\"']?\s*[:=]\s*+(?!null\b|none\b|false\b|\"\"|''|\[\]|\{\}|0\b)"
    r"|\bstatus(?:_?code)?[\"']?\s*[:=]\s*[\"']?[45]\d\d\b"
    r"|\bHTTP(?:/\d(?:\.\d)?)?\s+[45]\d\d\b"
    r"|\b[45]\d\d\s+(?:Bad Request|Unauthorized|Forbidden|Not Found|Method Not Allowed|Conflict|Gone"
    r"|Unprocessable Entity|Too Many Requests|Internal Server Error|Bad Gateway|Service Unavailable"
    r"|Gateway Timeout)\b"
    r"|\btimed\s+out\b|\bconnection\s+(?:refused|reset)\b|\bpermission\s+denied\b",
    re.IGNORECASE | re.MULTILINE,
)
"""Tool output that reads like a failure: exceptions, error fields, HTTP 4xx/5xx, timeouts."""

_USER_SIGNALS = frozenset({"frustration", "rephrasing", "expectation_downgrade"})
_STRONG: frozenset[str] = frozenset(
    {"negative_feedback", "escalation", "expectation_downgrade", "abandonment"}
)
_STOPWORD_TEXT = """
a an the i me my we our you your it its is are was were be been am do does did to of in on for at by with
and or but so if then than that this these those there here what which who how why when where can could
would should will shall may might must please help want need just also get got have has had not no yes
hi hello hey again still any some
"""
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())


# --------------------------------------------------------------------------------------------- phrases


def phrase_pattern(phrase: str) -> str:
    """A plain phrase as a regex: whitespace flexible, apostrophe optional, word boundaries at word edges."""
    text = phrase.strip().replace("\u2019", "'").lower()
    body = r"\s+".join(re.escape(word).replace("'", "'?") for word in text.split())
    left = r"(?<!\w)" if text[:1].isalnum() else ""
    right = r"(?!\w)" if text[-1:].isalnum() else ""
    return f"{left}{body}{right}"


_Trie = dict[str, "_Trie"]


def _trie_pattern(phrases: Iterable[str]) -> str:
    """Phrases as one word-level trie, so the regex engine tries each first word once per position.

    Same matching as `phrase_pattern` on each phrase, only faster: a plain alternation of ~60 phrases costs
    about a millisecond per message.
    """
    trie: _Trie = {}
    for phrase in phrases:
        node = trie
        for word in phrase.strip().replace("\u2019", "'").lower().split():
            node = node.setdefault(word, {})
        node[""] = {}

    def emit(node: _Trie) -> str:
        alternatives = []
        for word in sorted((w for w in node if w), key=len, reverse=True):
            child = node[word]
            body = re.escape(word).replace("'", "'?")
            right = r"(?!\w)" if word[-1].isalnum() else ""
            rest = emit(child) if any(child) else ""
            if rest and "" in child:
                alternatives.append(f"{body}(?:\\s+(?:{rest})|{right})")
            elif rest:
                alternatives.append(f"{body}\\s+(?:{rest})")
            else:
                alternatives.append(body + right)
        return "|".join(alternatives)

    return emit(trie)


@lru_cache(maxsize=64)
def _compile(phrases: tuple[str, ...], regexes: tuple[str, ...]) -> re.Pattern[str]:
    words = [p for p in set(phrases) if p.strip() and p.strip()[0].isalnum()]
    others = [phrase_pattern(p) for p in set(phrases) if p.strip() and not p.strip()[0].isalnum()]
    parts = [*regexes, *others]
    if words:
        parts.append(f"(?<!\\w)(?:{_trie_pattern(words)})")
    return re.compile("|".join(parts) or r"(?!x)x", re.IGNORECASE)


def _normal(text: str) -> str:
    """Straight apostrophes, and common words typed with two letters swapped ("tahnk", "anwser") fixed."""
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    text = END_MARKER.sub(lambda m: " " * len(m.group(0)), text)
    return _WORD.sub(_untypo, text)


_WORD = re.compile(r"[A-Za-z]{4,}")


@lru_cache(maxsize=1)
def _vocabulary() -> dict[tuple[str, int, str], str]:
    """Phrase words by (first letter, length, sorted letters), to undo one swap of adjacent letters."""
    words = set(
        re.findall(
            r"[a-z]{4,}",
            " ".join((*ESCALATION_PHRASES, *FRUSTRATION_PHRASES, *NON_ANSWER_PHRASES, *DOWNGRADE_PHRASES)),
        )
    )
    words |= set(_TYPO_EXTRA.split())
    return {(w[0], len(w), "".join(sorted(w))): w for w in words}


_TYPO_EXTRA = (  # the words of GRATITUDE and a few others users often mistype
    "thanks thank works worked appreciate appreciated perfect awesome brilliant resolved sorted cheers "
    "needed fixed connect customer service support helps helped answer question again expired human person "
    "agent never mind"
)


def _untypo(m: re.Match[str]) -> str:
    word = m.group(0)
    known = _swapped_letters_of(word.lower())
    if known is None:
        return word
    return known if word.islower() else known.upper() if word.isupper() else known.capitalize()


@lru_cache(maxsize=65536)
def _swapped_letters_of(lower: str) -> str | None:
    """The phrase word `lower` is a typo of (two adjacent letters swapped), if any."""
    known = _vocabulary().get((lower[0], len(lower), "".join(sorted(lower))))
    if known is None or known == lower:
        return None
    diff = [i for i in range(len(lower)) if lower[i] != known[i]]
    return known if len(diff) == 2 and diff[1] == diff[0] + 1 else None


def _excerpt(text: str, start: int = 0, end: int | None = None, width: int = 50) -> str:
    end = len(text) if end is None else end
    lo, hi = max(0, start - width), min(len(text), end + width)
    snippet = " ".join(text[lo:hi].split())
    return ("…" if lo > 0 else "") + snippet + ("…" if hi < len(text) else "")


_NEGATED = re.compile(
    r"\b(?:don't|do\s+not|won't|never|no\s+need\s+to|rather\s+not|not)\s+(?:\w+\s+){0,3}?"
    r"(?:want|wish|need|like|care)?\s*(?:to\s+)?(?:be\s+)?(?:talk|speak|transferr?ed|transfer|escalat\w*|connect\w*)",
    re.IGNORECASE,
)
_CLOSING_REMARKS = re.compile(
    # "No, that's all" answers "anything else?"
    r"^\W*(?:no|nope|nah|non|nein)\b[\s,.!]*(?=that'?s\s+(?:all|it|everything)|that\s+is\s+(?:all|it|everything)"
    r"|thanks?\b|thank\s+you|t[hj]\w{1,4}\s+(?:you|u)\b|th\w{1,4}ks\b|merci|nothing|i'?m\s+(?:good|all\s+set|fine|done)|i\s+think\s+that'?s|all\s+good"
    r"|we'?re\s+(?:good|done)|that\s+will\s+be\s+all)"
    r"|(?:i\s+)?(?:don't|do\s+not)\s+need\s+anything\s+(?:else|more)|nothing\s+else|not\s+(?:right\s+)?now"
    r"|no\s+(?:other|further)\s+(?:questions|help)|c'est\s+pas\s+grave|no\s+problem",
    re.IGNORECASE,
)
END_MARKER = re.compile(r"#{2,3}[A-Z][A-Z_-]*#{2,3}")
"""User-simulator protocol tokens (`###STOP###`, `###TRANSFER###`): markers, never words."""


# A short last message made only of these words acknowledges an answer ("ta", "ok tanks", "yes it's fast
# again", "restarted, much better now"). Whole messages only: "tanks" or "chees" inside a sentence may be
# meant, alone they are a thank-you with a typo. At least one word must say thanks or success, so a bare
# "yes" (to "shall I cancel it?") is still a request the agent left unanswered.
_ACK_CLOSE = frozenset(
    {
        "ta", "thanks", "thank", "thx", "cheers", "fixed", "fixes", "works", "worked", "working", "better",
        "sorted", "perfect", "brilliant", "lovely", "great", "fast", "fine", "normal", "solved", "resolved",
        # the languages GRATITUDE knows
        "merci", "parfait", "génial", "danke", "dankeschön", "dank", "perfekt", "prima", "gracias",
        "perfecto", "genial", "grazie", "perfetto", "obrigado", "obrigada", "bedankt", "tack", "takk",
        "super", "top", "excellent", "appreciated", "fab", "nice", "okej", "oké", "spoko", "dzięki", "dzieki",
        "mooi", "goed", "bene", "benissimo", "capito", "świetnie", "fair",
        # informal British thanks: "top man", "BRILL, TA", "lovely jubbly", "you're a star"
        "thankyou", "brill", "champion", "star", "legend", "ace", "magic", "cracking", "jubbly", "agradecido",
        "agradecida", "tyvm", "grand", "valeu", "estupendo", "grz",
    }
)  # fmt: skip
_ACK_FILLER = frozenset(
    {
        "ok", "okay", "k", "yes", "yeah", "yep", "yup", "you", "u", "it", "its", "it's", "that", "that's",
        "thats", "this", "is", "all", "now", "again", "much", "very", "so", "really", "and", "restarted",
        "rebooted",
        "oui", "d'accord", "daccord", "beaucoup", "très", "bien", "c'est", "ja", "vielen", "sehr", "gut",
        "alles", "klar", "sí", "si", "vale", "muchas", "mil", "muy", "todo", "mille", "molto",
        "muito", "tudo", "bem",
        "one", "stuff", "enough", "for", "x", "ah", "aha", "oh",
        "wielkie", "za", "zo", "helemaal", "va", "così",
        "a", "you're", "youre", "man", "mate", "love", "right", "me", "fico", "show", "nee",
    }
)  # fmt: skip
ACK_MAX_WORDS = 6
_ACK_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


@lru_cache(maxsize=8192)
def _ack_word(word: str, vocabulary: frozenset[str]) -> bool:
    """In `vocabulary`, or one typo away from a word of it of at least four letters."""
    if word in vocabulary:
        return True
    return len(word) >= 4 and any(len(v) >= 4 and one_edit(word, v) for v in vocabulary)


def is_acknowledgement(text: str) -> bool:
    """A short message that only acknowledges: thanks or success, with no question, request or "but"."""
    text = _NO_TROUBLE.sub(" fine ", _normal(END_MARKER.sub(" ", text)))
    if "?" in text or _NOT_RESOLVED.search(text):
        return False
    words = _ACK_WORD.findall(text.lower())
    if not 0 < len(words) <= ACK_MAX_WORDS:
        return False
    if not all(_ack_word(w, _ACK_CLOSE) or _ack_word(w, _ACK_FILLER) for w in words):
        return False
    return any(_ack_word(w, _ACK_CLOSE) for w in words)


def is_resolution(text: str) -> bool:
    """The user says thanks or that it worked, without a "but", "still" or "anyway" taking it back.

    A closing "No, that's all, thanks" (the answer to "anything else?") and thanks in other common languages
    count as thanks."""
    text = _normal(END_MARKER.sub(" ", text))
    if not GRATITUDE.search(text):
        return False
    return not _NOT_RESOLVED.search(_NO_TROUBLE.sub(" ", _CLOSING_REMARKS.sub(" ", text)))


def _is_shouting(text: str) -> re.Match[str] | None:
    """Mostly capitals, counting words only: an identifier in capitals (SOFIA_MOREAU_9742) is no shout."""
    plain = " ".join(w for w in text.split() if not re.search(r"[\d_]", w))
    words = re.findall(r"[A-Za-z]{2,}", plain)
    caps = [w for w in words if w.isupper()]
    if len(caps) >= 3 and len(caps) >= 0.6 * len(words) and sum(map(len, caps)) >= 10:
        return re.search(re.escape(caps[0]), text)
    return None


# ----------------------------------------------------------------------------------------- similarity


def _content_words(text: str) -> set[str]:
    words = re.findall(r"[a-z0-9']+", _normal(text).lower())
    return {w[:-1] if len(w) > 4 and w.endswith("s") else w for w in words if w not in _STOPWORDS}


def token_similarity(a: str, b: str) -> float:
    """Dice overlap of content words: the fallback for rephrasing when no embeddings are at hand."""
    wa, wb = _content_words(a), _content_words(b)
    if not wa or not wb:
        return 0.0
    return 2 * len(wa & wb) / (len(wa) + len(wb))


# ------------------------------------------------------------------------------------------- detection


def detect(conv: Conversation, cfg: SignalsConfig, vector_of: VectorOf | None = None) -> Outcome:
    """Run every enabled signal on one conversation and decide whether it failed, and where."""
    enabled = set(cfg.enabled)
    hits: list[SignalHit] = []
    recovered: set[int] = set()
    if "negative_feedback" in enabled:
        hits += _negative_feedback(conv)
    user_checks: list[tuple[SignalName, re.Pattern[str]]] = [
        ("escalation", _compile((*ESCALATION_PHRASES, *cfg.extra_escalation_phrases), _ESCALATION_REGEXES)),
        (
            "frustration",
            _compile((*FRUSTRATION_PHRASES, *cfg.extra_frustration_phrases), _FRUSTRATION_REGEXES),
        ),
        (
            "expectation_downgrade",
            _compile((*DOWNGRADE_PHRASES, *cfg.extra_downgrade_phrases), _DOWNGRADE_REGEXES),
        ),
    ]
    non_answer = _compile((*NON_ANSWER_PHRASES, *cfg.extra_non_answer_phrases), _NON_ANSWER_REGEXES)
    retry = _compile((), _RETRY_REGEXES)
    answered = False  # "that didn't work" only means something once the assistant has answered
    for turn in conv.turns:
        text = _normal(turn.text)  # same length as turn.text, so match positions quote the original
        if turn.role == "user":
            for name, pattern in user_checks:
                if name not in enabled:
                    continue
                m = pattern.search(text)
                if name in ("frustration", "expectation_downgrade") and is_resolution(text):
                    continue  # "thanks!!!" is not anger; "I'll set it up myself, thanks!" is not giving up
                if name == "expectation_downgrade" and m and _after_policy_refusal(conv, turn):
                    continue  # "ok, thanks anyway" to a refusal the policy requires accepts the rules
                if name == "escalation" and m and _NEGATED.search(text[max(0, m.start() - 40) : m.end()]):
                    m = None  # "I don't want to be transferred to a human agent" asks for the opposite
                if name == "frustration":
                    # pushback and capitals only mean something once the assistant has answered
                    m = m or ((retry.search(text) or _is_shouting(text)) if answered else None)
                if m:
                    hits.append(SignalHit(name, turn.index, _excerpt(turn.text, m.start(), m.end())))
        elif turn.role == "assistant":
            answered = True
            if "non_answer" in enabled and (m := non_answer.search(text)) and not _cites_policy(text, m):
                hits.append(SignalHit("non_answer", turn.index, _excerpt(turn.text, m.start(), m.end())))
        elif turn.role == "tool" and "tool_error" in enabled and (evidence := _tool_error(turn)):
            hits.append(SignalHit("tool_error", turn.index, evidence, tool=_tool_name(conv, turn)))
            if _recovered(conv, turn):
                recovered.add(turn.index)
    if "rephrasing" in enabled:
        hits += _rephrasing(conv, cfg.rephrase_similarity, vector_of)
    if "abandonment" in enabled:
        complained = {h.turn_index for h in hits if h.name in _USER_SIGNALS}
        hits += _abandonment(conv, non_answer, complained)
    if "long_unresolved" in enabled:
        hits += _long_unresolved(conv, cfg.long_conversation_turns)
    hits.sort(key=lambda h: (h.turn_index, h.name))

    handoff = handoff_turn(conv)
    if handoff is not None:  # "I can't set that up; a human agent will": the handoff is the answer
        hits = [h for h in hits if not (h.name == "non_answer" and 0 <= handoff - h.turn_index <= 2)]

    # "I couldn't upload IMG_5769.HEIC: could you send it as a JPG?" reports a tool error the conversation
    # then recovered from: one episode, not a second weak signal
    reports = {
        _next_reply(conv, h.turn_index) for h in hits if h.name == "tool_error" and h.turn_index in recovered
    }
    hits = [h for h in hits if not (h.name == "non_answer" and h.turn_index in reports)]

    def honoured(h: SignalHit) -> bool:  # an escalation the agent answered with a completed handoff
        return h.name == "escalation" and handoff is not None and handoff >= h.turn_index

    strong = [
        h
        for h in hits
        if (h.name in _STRONG and not honoured(h) and not _soft(conv, h))
        or (h.name == "tool_error" and h.turn_index not in recovered)
    ]
    weak_names = {h.name for h in hits if h not in strong}
    failed = bool(strong) or len(weak_names) >= 2
    return Outcome(
        conversation_id=conv.id,
        failed=failed,
        signals=tuple(hits),
        failing_turn=_failing_turn(conv, hits, recovered) if failed else None,
    )


def failing_request(conv: Conversation, outcome: Outcome) -> str:
    """The user message the assistant failed to serve: what failure causes are clustered on.

    It is the last user turn before the failing turn that asks for something (`is_request`); replies and
    pushback ("it's the acme workspace", "that's not what my booking says") carry no request of their own
    and are passed over, as are turns that fired a signal. The opening request when nothing else asks.
    """
    if outcome.failing_turn is None:
        return conv.opening_request
    reacted = {h.turn_index for h in outcome.signals if h.name in _USER_SIGNALS or h.name == "escalation"}
    for turn in reversed(conv.turns[: outcome.failing_turn + 1]):
        if turn.role == "user" and turn.index not in reacted and is_request(turn.text):
            return turn.text
    return conv.opening_request


_REQUEST_START = re.compile(
    r"^\W*(?:(?:also|and|ok(?:ay)?|hi|hello|hey|thanks)\W+)?(?:how|what|what's|where|where's|why|when|which|who"
    r"|can|could|would|will|is|are|do|does|should|please|help|i\s+need|i\s+want|i'd\s+like|i\s+would\s+like"
    r"|i'm\s+trying|i\s+am\s+trying|is\s+there|tell\s+me|show\s+me)\b",
    re.IGNORECASE,
)
_REACTION_START = re.compile(
    r"^\W*(?:really|are\s+you\s+sure|not\s+even|that's\s+not|that\s+is\s+not|but|still|tried|i\s+tried"
    r"|i\s+did|did\s+that|nope|no|hm+|ugh|again|same|why\s+not|wait|seriously)\b",
    re.IGNORECASE,
)


def is_request(text: str) -> bool:
    """A user turn that asks for something (a question or a request), not a reply or a reaction."""
    text = _normal(text).strip()
    if not text or _REACTION_START.match(text):
        return False
    sentences = re.split(r"(?<=[.!?])\s+", text)
    return "?" in text or any(_REQUEST_START.match(sentence) for sentence in sentences)


def _negative_feedback(conv: Conversation) -> list[SignalHit]:
    hits = []
    last_assistant = next(
        (t.index for t in reversed(conv.turns) if t.role == "assistant"), len(conv.turns) - 1
    )
    for fb in conv.feedback:
        if fb.negative:
            evidence = f"{fb.kind}: {fb.value}" + (f" — {_excerpt(fb.comment)}" if fb.comment else "")
            turn = fb.turn_index if fb.turn_index is not None else last_assistant
            hits.append(SignalHit("negative_feedback", max(turn, 0), evidence))
    return hits


def _tool_error(turn: Turn) -> str | None:
    if turn.is_error:
        return _excerpt(turn.text, 0, 0, 80) or "tool reported is_error"
    m = TOOL_ERROR.search(turn.text)
    return _excerpt(turn.text, m.start(), m.end()) if m else None


def _tool_name(conv: Conversation, turn: Turn) -> str | None:
    """Which tool a result answers: by call id and position (a reused id never names the wrong tool)."""
    from agentmend.analysis.actions.calls import tool_of

    return tool_of(conv, turn)


def _recovered(conv: Conversation, failed: Turn) -> bool:
    """A later call of the same tool (any tool when names are unknown) succeeded."""
    name = _tool_name(conv, failed)
    for later in conv.turns[failed.index + 1 :]:
        if later.role != "tool" or _tool_error(later):
            continue
        later_name = _tool_name(conv, later)
        if name is None or later_name is None or later_name == name:
            return True
    return False


def _rephrasing(conv: Conversation, threshold: float, vector_of: VectorOf | None) -> list[SignalHit]:
    asks = [t for t in conv.turns if t.role == "user" and len(t.text.split()) >= 3]
    users = [t for t in conv.turns if t.role == "user" and t.text.strip()]
    hits = []
    for prev, cur in zip(users, users[1:], strict=False):
        if prev not in asks or cur not in asks:
            continue
        if vector_of is not None:
            similarity = float(np.dot(vector_of(prev.text), vector_of(cur.text)))
        else:
            similarity = token_similarity(prev.text, cur.text)
        if similarity >= threshold:
            hits.append(
                SignalHit("rephrasing", cur.index, f"{_excerpt(cur.text, 0, 0, 60)} ({similarity:.2f})")
            )
    return hits


def _abandonment(conv: Conversation, non_answer: re.Pattern[str], complained: set[int]) -> list[SignalHit]:
    """The conversation ends unresolved (see the module docstring)."""
    turns = [t for t in conv.turns if t.role != "system" and not (t.role == "user" and not _said(t.text))]
    if not any(t.role == "user" for t in turns) or handoff_turn(conv) is not None:
        return []  # a completed handoff ends the conversation on purpose
    last = turns[-1]
    if last.role == "user":
        if is_resolution(last.text) or _accepts_refusal(turns, last):
            return []
        if not _CLOSING.match(last.text):
            if is_acknowledgement(last.text) or _closes_check_in(turns, last):
                return []
            return [SignalHit("abandonment", last.index, "unanswered: " + _excerpt(last.text, 0, 0, 60))]
        earlier = [t for t in turns[:-1] if t.role in ("assistant", "tool")]
        if not earlier:
            return []
        last = earlier[-1]  # "ok" / "bye" after an answer: judge the answer
    if last.role == "tool":
        return [SignalHit("abandonment", last.index, _ENDED_ON_TOOL + _excerpt(last.text, 0, 0, 60))]
    prior_user = [t for t in turns if t.role == "user" and t.index < last.index]
    if prior_user and is_resolution(prior_user[-1].text):
        return []
    if prior_user and prior_user[-1].index in complained:
        return [
            SignalHit("abandonment", last.index, "left after answering a complaint: " + _excerpt(last.text))
        ]
    text = _normal(last.text)
    if (m := non_answer.search(text)) and not _cites_policy(text, m):
        return [
            SignalHit("abandonment", last.index, "left after: " + _excerpt(last.text, m.start(), m.end()))
        ]
    stripped = text.rstrip()
    if stripped.endswith("?") and not _CHECK_IN.search(stripped[-120:]):
        return [
            SignalHit(
                "abandonment",
                last.index,
                "left after a question: " + _excerpt(last.text, len(last.text), None),
            )
        ]
    return []


def _closes_check_in(turns: list[Turn], last: Turn) -> bool:
    """A short reply to the agent's "anything else?" ("no bother, thanks", "só isso mesmo, valeu") that is no
    question and takes nothing back ends the conversation: the user was asked whether they need more."""
    before = [t for t in turns if t.index < last.index and t.role == "assistant" and _said(t.text)]
    if not before or not _CHECK_IN.search(_normal(before[-1].text).rstrip()[-120:]):
        return False
    text = _normal(END_MARKER.sub(" ", last.text))
    words = _ACK_WORD.findall(text)
    return 0 < len(words) <= CHECK_IN_REPLY_WORDS and "?" not in text and not _STILL_WRONG.search(text)


_POLICY = re.compile(
    r"\b(?:polic(?:y|ies)|not\s+eligible|ineligible|rules?|terms|not\s+(?:permitted|allowed)|regulations?"
    r"|restrictions?|non-?refundable|cannot\s+be\s+(?:modified|changed|cancel+ed|refunded))\b",
    re.IGNORECASE,
)
_TO_PEOPLE = frozenset(
    {"human", "humans", "agent", "agents", "live", "support", "specialist", "representative", "person"}
)
_HANDOFF_TEXT = re.compile(
    r"\b(?:transferr?(?:ing|ed)|connecting|handing)\s+you\s+(?:over\s+)?(?:to|with)\s+(?:a|an|our|the)?\s*"
    r"(?:human|live|support|specialist|agent|representative|supervisor|team)",
    re.IGNORECASE,
)


def _said(text: str) -> bool:
    """Whether a user turn says anything once simulator protocol tokens are taken out."""
    return bool(END_MARKER.sub("", text).strip())


def _cites_policy(text: str, m: re.Match[str]) -> bool:
    """A refusal that gives the policy as its reason: the agent doing what its rules require."""
    return bool(_POLICY.search(text[max(0, m.start() - 200) : m.end() + 300]))


def handoff_turn(conv: Conversation) -> int | None:
    """The turn where the conversation was handed to a human (a transfer tool that succeeded, the agent
    saying it is transferring, or the simulator's transfer marker), if it was."""
    from agentmend.analysis.actions.calls import name_words, pair_calls

    for c in pair_calls(conv):
        words = set(name_words(c.name))
        to_people = "transfer" in words and bool(words & _TO_PEOPLE)
        if c.succeeded and (words & {"escalate", "escalation", "handoff"} or to_people):
            return c.call_turn
    for t in conv.turns:
        if t.role == "assistant" and _HANDOFF_TEXT.search(_normal(t.text)):
            return t.index
    if conv.metadata.get("end_marker") in ("transfer", "out_of_scope"):
        return len(conv.turns) - 1
    return None


_ACCEPTS = re.compile(
    r"\b(?:i\s+understand|understood|fair\s+enough|makes\s+sense|that'?s\s+(?:fine|ok|okay)|i\s+see|no\s+worries"
    r"|got\s+it|thanks\s+anyway|thank\s+you\s+anyway|ok(?:ay)?)\b",
    re.IGNORECASE,
)


def _accepts_refusal(turns: Sequence[Turn], last: Turn) -> bool:
    """The user accepts a refusal the agent gave with its policy as the reason: the rules working."""
    return bool(_ACCEPTS.search(_normal(last.text))) and _after_policy_refusal_in(turns, last)


def _after_policy_refusal(conv: Conversation, turn: Turn) -> bool:
    return _after_policy_refusal_in(conv.turns, turn)


def _after_policy_refusal_in(turns: Sequence[Turn], turn: Turn) -> bool:
    """The assistant's last words before `turn` refuse, giving the policy as the reason."""
    before = [t for t in turns if t.index < turn.index and t.role == "assistant" and t.text.strip()]
    if not before:
        return False
    text = _normal(before[-1].text)
    refusal = re.search(r"\b(?:can't|cannot|unable|not\s+able|not\s+eligible|isn't\s+possible)\b", text, re.I)
    return refusal is not None and _cites_policy(text, refusal)


_ENDED_ON_TOOL = "ended on a tool result: "


def _soft(conv: Conversation, h: SignalHit) -> bool:
    """An ending on a successful tool result: the export may simply stop there, so it only counts as weak."""
    if h.name != "abandonment" or not h.evidence.startswith(_ENDED_ON_TOOL):
        return False
    turn = conv.turns[h.turn_index] if 0 <= h.turn_index < len(conv.turns) else None
    return turn is not None and _tool_error(turn) is None


def _long_unresolved(conv: Conversation, limit: int) -> list[SignalHit]:
    talk = [t for t in conv.turns if t.role in ("user", "assistant")]
    if len(talk) < limit or any(t.role == "user" and is_resolution(t.text) for t in talk):
        return []
    return [SignalHit("long_unresolved", talk[limit - 1].index, f"{len(talk)} turns without a resolution")]


def _blame(conv: Conversation, index: int) -> int:
    """The assistant (or tool) turn answerable for a signal at `index`."""
    turn = conv.turns[index] if 0 <= index < len(conv.turns) else None
    if turn is None or turn.role in ("assistant", "tool"):
        return index
    before = [t for t in conv.turns[:index] if t.role == "assistant"] or [
        t for t in conv.turns[:index] if t.role == "tool"
    ]
    if before:
        return before[-1].index
    after = next((t.index for t in conv.turns[index + 1 :] if t.role == "assistant"), None)
    return after if after is not None else index


def _next_reply(conv: Conversation, index: int) -> int | None:
    """The first assistant turn with words after `index`."""
    return next((t.index for t in conv.turns[index + 1 :] if t.role == "assistant" and t.text.strip()), None)


def _failing_turn(conv: Conversation, hits: Sequence[SignalHit], recovered: Iterable[int]) -> int | None:
    recovered = set(recovered)
    decisive = [
        h
        for h in hits
        if h.name != "long_unresolved" and not (h.name == "tool_error" and h.turn_index in recovered)
    ]
    chosen = decisive or list(hits)
    return min((_blame(conv, h.turn_index) for h in chosen), default=None)
