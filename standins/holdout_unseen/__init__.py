"""Held-out cases of issue 23: the kinds of trouble it names, on works of their own.

Written on 2026-12-07 for issue 23 ("Links that hold on posts nobody tuned for"), before
any of its matching changes, and never used to tune them: the same-named albums of one artist,
re-recordings and remasters of another year, misspelt names, artists who changed their
name, words the stores add or drop, and posts in another script when MusicBrainz is down
or does not know the work. None of them is one of the issue's own examples. Decoys rank
first (covers, karaoke, tributes, re-recordings, the other same-named album), and the
stand-ins search as the real stores do where it matters (`standins/catalog.py`): field
filters find nothing for a misspelt or former name, free text forgives a typo and knows
an artist's other names, and only Spotify's listings know the names in their own script.

The issue-13 set (`standins/holdout.py`) stays as it was. Do not edit a case here to
make it pass; add new cases to `standins.cases`, and new unseen ones to a new set.
"""

from standins.holdout_unseen.misspelt import MISSPELT
from standins.holdout_unseen.namesakes import NAMESAKES
from standins.holdout_unseen.renamed import RENAMED
from standins.holdout_unseen.rerecordings import RERECORDINGS
from standins.holdout_unseen.script_alone import SCRIPT_ALONE
from standins.holdout_unseen.store_words import STORE_WORDS
from standins.table import Case

HOLDOUT_UNSEEN: list[Case] = [
    *NAMESAKES,
    *RERECORDINGS,
    *MISSPELT,
    *RENAMED,
    *STORE_WORDS,
    *SCRIPT_ALONE,
]
