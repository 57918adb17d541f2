"""The links matching table: several cases for each kind of trouble of issues 13 and 23,
decoys included. Matching is tuned on these; `standins.holdout` and
`standins.holdout_unseen` hold cases it is not tuned on."""

from standins.cases.featured import FEATURED
from standins.cases.identifiers import IDENTIFIERS
from standins.cases.misspelt import MISSPELT
from standins.cases.namesakes import NAMESAKES
from standins.cases.plain import PLAIN
from standins.cases.renamed import RENAMED
from standins.cases.rerecordings import RERECORDINGS
from standins.cases.script import SCRIPT
from standins.cases.script_alone import SCRIPT_ALONE
from standins.cases.store_words import STORE_WORDS
from standins.cases.versions import VERSIONS
from standins.cases.videos import VIDEOS
from standins.table import Case

TABLE: list[Case] = [
    *FEATURED,
    *SCRIPT,
    *IDENTIFIERS,
    *VERSIONS,
    *VIDEOS,
    *PLAIN,
    *NAMESAKES,
    *RERECORDINGS,
    *MISSPELT,
    *RENAMED,
    *STORE_WORDS,
    *SCRIPT_ALONE,
]
