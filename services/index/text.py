"""How both indexes read a search's words, so that they answer alike.

- **Words.** `q` folded (case, accents: `services.dedup.fold_text`) and split on spaces
  and control characters; every word must match a word of the title, the artist or the
  description (all of its parts, for a word such as `AC/DC`), the last one also as the
  start of a word (`phob` finds Phobia).
- **Typos**, as Elasticsearch's `fuzziness: AUTO`: a word of letters and digits may match
  a word one edit away when it has 3 to 5 characters, two edits when it has 6 or more (an
  edit adds, removes or replaces a letter, or swaps two neighbours). Of the words within
  reach, the `MAX_EXPANSIONS` closest count, as Lucene's fuzzy query picks them. Typo
  matches are searched only when the words as typed find fewer than `TYPO_THRESHOLD`
  results (Typesense's `typo_tokens_threshold`), and they come after every exact one: a
  word spelt right never brings its neighbours in, and a misspelt one still finds its work.
"""

from __future__ import annotations

import re

from services.dedup import fold_text
from services.index import SearchQuery, Sort

TYPO_THRESHOLD = 10
# Elasticsearch's `max_expansions` is 50 by default: each word more costs the embedded
# index another pass for bm25 over the matches (docs/indexes.md), and the ten closest
# are the ones worth having (Typesense considers four).
MAX_EXPANSIONS = 10
FACET_SIZE = 20
"""Values per facet, the most frequent first (the others are left out)."""

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# Letters and digits: the words both indexes' tokenizers keep (`_` separates in both).
WORD_PART = re.compile(r"[^\W_]+")
# From the CJK radicals on, Elasticsearch's `standard` tokenizer makes a word of each
# ideograph (and SQLite's `unicode61` of a whole run): no typo is counted there.
_FIRST_IDEOGRAPHIC = "\u2e80"


def raw_words(q: str) -> list[str]:
    """`q` split into words as typed; control characters separate words."""
    return _CONTROL.sub(" ", q).split()


def search_words(q: str) -> list[str]:
    """The words of `q`, folded."""
    return raw_words(fold_text(_CONTROL.sub(" ", q)))


def typo_allowance(word: str) -> int:
    """Edits a folded word may be away from a stored word (`fuzziness: AUTO`)."""
    if not word.isalnum() or max(word) >= _FIRST_IDEOGRAPHIC:
        return 0
    if len(word) < 3:
        return 0
    return 1 if len(word) < 6 else 2


def expansion_order(word: str, variant: str, distance: int) -> tuple[float, str]:
    """Which variants of a word count first: Lucene's boost, `1 - edits / shorter length`,
    highest first, then the variant's text."""
    return distance / min(len(word), len(variant)), variant


def order_of(query: SearchQuery) -> Sort:
    """The order asked for; relevance by default with words to rank, newest without
    (also when relevance is asked for without words)."""
    ranked = bool(query.q and search_words(query.q))
    if query.sort is None or (query.sort == "relevance" and not ranked):
        return "relevance" if ranked else "newest"
    return query.sort
