"""How well a candidate's names agree with a post's: titles and artists folded and
compared, read in every form a name comes in.

A title is compared without case, accents, punctuation, guests and version parts, and
in each script a bilingual title gives (`Gangnam Style (강남스타일)`). An artist is
compared as the whole credit, as the main artist (`names.credit`), and as each alias
another platform gave. Failing those, a transliteration of the post's name is tried:
such an agreement is returned as untrusted, and matching asks for another proof.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from services.dedup import fold_text, plain
from services.links.matching.names import credit, is_latin, japanese, transliterated, without_guests
from services.links.matching.namesakes import numbers, with_arabic_numbers
from services.links.matching.titles import without_leading_the, without_store_words
from services.links.matching.versions import without_versions

if TYPE_CHECKING:
    from services.links.query import Query

TITLE_GATE = 0.9
ARTIST_GATE = 0.85
"""Below either, the candidate is another work, however well the rest matches."""

PERHAPS_MAIN_PENALTY = 0.05
"""The artist before `&`, `,`, `x` or `with` is perhaps not the whole name (Simon & Garfunkel)."""

LEADING_THE_PENALTY = 0.02
"""A title that agrees only once a leading "The" is set aside agrees a little less."""

_PUNCTUATION = re.compile(r"[\"'\u2018\u2019\u201c\u201d!?.,:;~\uff5e]+")
_AND = re.compile(r"(?<!\s)\s*[&+]\s*")
_LEADING_THE = re.compile(r"^the\s+")
_STYLISED_I = re.compile(r"(?<=\w)!(?=\w)")
_SLASH = re.compile(r"(?<!\s)\s+/\s+")
# The innermost brackets: from an opening one, the search stops at the next opening one.
_ALTERNATIVE = re.compile(
    r"(?<!\s)\s*[\(\[\uff08\u3010]([^\(\[\uff08\u3010\)\]\uff09\u3011]+)[\)\]\uff09\u3011]\s*"
)


def core_title(text: str) -> str:
    """A title without case, accents, punctuation, guests, version or edition parts and the
    words stores add (`titles.without_store_words`)."""
    folded = fold_text(without_versions(without_store_words(without_guests(text))))
    folded = _PUNCTUATION.sub("", _AND.sub(" and ", folded))
    return " ".join(folded.split()) or fold_text(text)


def core_name(text: str) -> str:
    """An artist name without case, accents, punctuation and a leading "The", its
    stylised letters read as letters ("Ke$ha" is "kesha", "P!nk" is "pink")."""
    folded = _STYLISED_I.sub("i", fold_text(text).replace("$", "s"))
    folded = _PUNCTUATION.sub("", _AND.sub(" and ", folded))
    return _LEADING_THE.sub("", " ".join(folded.split()))


def similarity(left: str, right: str) -> float:
    """0..1; word order does not matter much ("Kino" vs "Kino, The" style differences)."""
    if not left or not right:
        return 0.0
    return max(fuzz.ratio(left, right), fuzz.token_sort_ratio(left, right)) / 100.0


def alternatives(text: str) -> list[str]:
    """A name as written and, when it gives itself in two scripts, each form apart:
    `Gangnam Style (강남스타일)` -> also `Gangnam Style` and `강남스타일`; `小酒窝 Little
    Dimple` -> also `小酒窝` and `Little Dimple`."""
    text = plain(text)
    found = [text]
    for bracket in _ALTERNATIVE.finditer(text):
        inner = bracket.group(1).strip()
        outer = f"{text[: bracket.start()]} {text[bracket.end() :]}".strip()
        if inner and outer and is_latin(inner) != is_latin(outer):
            found += [outer, inner]
    if len(found) == 1:
        found += _script_runs(text)
    return found


def _script_runs(text: str) -> list[str]:
    """The two halves of a name written once in each script, word by word."""
    runs: list[list[str]] = []
    for word in text.split():
        if runs and is_latin(runs[-1][0]) == is_latin(word):
            runs[-1].append(word)
        else:
            runs.append([word])
    return [" ".join(run) for run in runs] if len(runs) == 2 else []


def title_agreement(query: Query, title: str) -> tuple[float, bool]:
    """The best title agreement, and whether it rests on trusted readings only."""
    offered = [core_title(t) for t in alternatives(title)]
    trusted = [core_title(a) for t in (query.title, *query.titles) for a in alternatives(t)]
    value = max(_title_similarity(a, b) for a in trusted for b in offered)
    if value >= TITLE_GATE or is_latin(query.title):
        return value, True
    guess = core_title(transliterated(query.title, japanese(query.title, query.artist)))
    return max(similarity(guess, b) for b in offered), False


def _title_similarity(asked: str, offered: str) -> float:
    """`similarity`, forgiving (at a small cost) a leading "The" one side leaves out; titles
    whose numbers differ are other works ("Van Halen II", "The Blueprint 3")."""
    if numbers(asked) != numbers(offered):
        return 0.0
    asked, offered = with_arabic_numbers(asked), with_arabic_numbers(offered)
    value = similarity(asked, offered)
    bare_asked, bare_offered = without_leading_the(asked), without_leading_the(offered)
    if (bare_asked == asked) != (bare_offered == offered):
        value = max(value, similarity(bare_asked, bare_offered) - LEADING_THE_PENALTY)
    return value


def artist_agreement(query: Query, artists: Sequence[str], title: str) -> tuple[float, bool]:
    """The best artist agreement, and whether it rests on trusted readings only."""
    names = _forms(artists)
    if not names:
        return 0.0, True
    asked = query.credit
    readings: list[tuple[str, float]] = [(asked.full, 0.0), *((a, 0.0) for a in query.aliases)]
    if asked.main != asked.full:
        guests_credited = any(
            core_name(guest) in core_name(" ".join([*artists, title])) for guest in asked.guests
        )
        penalty = 0.0 if asked.certain or guests_credited else PERHAPS_MAIN_PENALTY
        readings.append((asked.main, penalty))
    value = max(similarity(core_name(r), n) - penalty for r, penalty in readings for n in names)
    if value >= ARTIST_GATE or is_latin(asked.full):
        return value, True
    guess = core_name(transliterated(asked.main, japanese(query.title, query.artist)))
    return max(similarity(guess, n) for n in names), False


def credited_names(artists: Sequence[str]) -> list[str]:
    """The names a credit may be compared as: each, together, the main one, each script,
    and each name of a credit that gives one artist's names ("Yusuf / Cat Stevens")."""
    names = [name for name in artists if name]
    if not names:
        return []
    forms = [*names, " & ".join(names), ", ".join(names), credit(names[0]).main]
    forms += alternatives(names[0]) + _SLASH.split(names[0])
    return list(dict.fromkeys(forms))


def _forms(artists: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(core_name(form) for form in credited_names(artists)))
