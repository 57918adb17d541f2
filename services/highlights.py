"""The words a search matched, marked in its results' title, artist and description.

Marked here, from the search's words and the documents, not by either index: both
indexes then give the same marks, and a field is marked as it is stored (Elasticsearch
would mark its folded copy, `beyonce` for `Beyoncé`). A word is marked where it matches
as `services.index.text` says: the same word folded, the start of a word for the last
one, a word within its typos when the search went that far.

The field comes back as HTML: its text escaped, each matched word in `<mark>…</mark>`,
safe to insert into a page as it is.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from rapidfuzz.distance import OSA

from services.dedup import fold_text
from services.index.text import WORD_PART, search_words, typo_allowance
from services.model import Recommendation

FIELDS = ("title", "artist", "description")
OPEN, CLOSE = "<mark>", "</mark>"

Highlights = dict[str, dict[str, str]]
"""Per recommendation id, its marked fields (only those with a mark)."""


class Marker:
    """Marks the words of one search."""

    def __init__(self, q: str, typos: bool) -> None:
        words = search_words(q)
        parts = [WORD_PART.findall(word) for word in words]
        self._exact = {part for word_parts in parts for part in word_parts}
        self._prefix = parts[-1][-1] if parts and parts[-1] else None
        self._near = [(word, edits) for word in words if typos and (edits := typo_allowance(word))]

    def _matches(self, word: str) -> bool:
        folded = fold_text(word)
        if folded in self._exact or (self._prefix and folded.startswith(self._prefix)):
            return True
        return any(OSA.distance(folded, near, score_cutoff=edits) <= edits
                   for near, edits in self._near)  # fmt: skip

    def mark(self, text: str) -> str | None:
        """`text` as escaped HTML with its matched words marked; None when none matched."""
        pieces: list[str] = []
        shown = 0
        for found in WORD_PART.finditer(text):
            if self._matches(found.group()):
                pieces += [html.escape(text[shown : found.start()]), OPEN,
                           html.escape(found.group()), CLOSE]  # fmt: skip
                shown = found.end()
        if not pieces:
            return None
        return "".join([*pieces, html.escape(text[shown:])])


def highlights(q: str, items: Iterable[Recommendation], typos: bool) -> Highlights:
    """The marked fields of each result of a search for `q` (`typos`: the search
    included matches within typos)."""
    marker = Marker(q, typos)
    marked: Highlights = {}
    for item in items:
        fields = {name: marker.mark(str(item.get(name) or "")) for name in FIELDS}
        marked[item["id"]] = {name: text for name, text in fields.items() if text is not None}
    return marked
