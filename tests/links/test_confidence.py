"""A link's confidence says how the work was proven (services/links/matching/confidence.py)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from services.links.matching import confidence as proof
from services.links.matching.candidates import choose
from services.links.matching.model import Candidate
from services.links.platforms.provider import by_identifier
from services.links.query import ProviderResult, Query, found

pytestmark = pytest.mark.unit

C = Candidate


def test_a_search_match_is_never_proven_to_1() -> None:
    best = proof.of_search(
        1.2, title=1.0, artist=1.0, year_agrees=True, corroborated=True, trusted=True
    )
    assert best == proof.SEARCH_PROVEN < 1.0


@pytest.mark.parametrize(
    ("facts", "ceiling"),
    [
        ({"year_agrees": True, "corroborated": True}, 0.99),
        ({"year_agrees": True, "corroborated": False}, 0.96),
        ({"year_agrees": False, "corroborated": True}, 0.96),
        ({"year_agrees": False, "corroborated": False}, 0.93),
    ],
)
def test_exact_names_are_worth_more_with_a_year_and_another_platforms_facts(
    facts: dict[str, bool], ceiling: float
) -> None:
    assert proof.of_search(1.1, title=1.0, artist=1.0, trusted=True, **facts) == ceiling


def test_near_names_transliterations_and_broad_passes_are_worth_less() -> None:
    near = proof.of_search(0.97, title=0.95, artist=1.0, year_agrees=True, corroborated=True,
                           trusted=True)  # fmt: skip
    assert near == proof.NEAR_NAMES
    guessed = proof.of_search(1.0, title=1.0, artist=0.9, year_agrees=True, corroborated=True,
                              trusted=False)  # fmt: skip
    assert guessed == proof.WEAK
    broad = proof.of_search(1.0, title=1.0, artist=1.0, year_agrees=True, corroborated=True,
                            trusted=True, broad=True)  # fmt: skip
    assert broad == proof.WEAK


def test_a_match_is_worth_what_its_facts_prove() -> None:
    query = Query(kind="album", title="Fleetwood Mac", artist="Fleetwood Mac", year=1975)
    album = C("Fleetwood Mac", ["Fleetwood Mac"], year=1975, track_count=11)
    assert choose(query, [album]).match == (album, 0.96)
    learned = replace(query, track_count=11)
    assert choose(learned, [album]).match == (album, 0.99)
    assert choose(replace(query, year=None), [album]).match == (album, 0.93)


def test_an_identifier_is_only_as_good_as_the_match_that_gave_it() -> None:
    query = Query(kind="album", title="Seal", artist="Seal", year=1994)
    seal = C("Seal", ["Seal"], year=1994)
    assert by_identifier(query, seal, proof=1.0) == 1.0  # the post's own UPC
    assert by_identifier(query, seal, proof=0.93) == 0.93
    assert by_identifier(query, seal, proof=1.0 - 1e-9) == proof.SEARCH_PROVEN
    # Titled otherwise (another script, a new title), a little less.
    assert by_identifier(query, C("씰", ["씰"], year=1994), proof=0.96) == proof.OTHER_TITLE


def test_an_identifier_a_search_gave_proves_nothing_when_its_work_contradicts_the_post() -> None:
    query = Query(kind="album", title="Seal", artist="Seal", year=1994)
    assert by_identifier(query, C("Seal", ["Seal"], year=1991), proof=0.96) is None
    # The post's own identifier is trusted; a reissue carries its own year.
    assert by_identifier(query, C("Seal", ["Seal"], year=1991), proof=1.0) == 1.0
    assert by_identifier(query, C("Seal (Deluxe)", ["Seal"], year=2015), proof=0.96)
    track = Query(kind="track", title="Love Story", artist="Taylor Swift")
    rerecorded = C("Love Story (Taylor's Version)", ["Taylor Swift"])
    assert by_identifier(track, rerecorded, proof=0.96) is None
    # An EP a UPC found is the post's album (an identifier, not a same-titled single).
    assert by_identifier(replace(query, year=None), C("Seal", ["Seal"], record_type="ep"), 0.95)


def test_the_query_keeps_how_sure_each_learned_identifier_is() -> None:
    query = Query(kind="track", title="Tempted", artist="Squeeze")
    link = found("u", external_id="1", title="Tempted", artist="Squeeze", confidence=0.93,
                 method="search")  # fmt: skip
    result = ProviderResult(links={"spotify": link}, isrc="GB1", album_upc="0001", position=(1, 3))
    learned = query.with_evidence(result)
    assert (learned.isrc, learned.identifier_proof, learned.album_upc_proof) == ("GB1", 0.93, 0.93)
    given = replace(query, isrc="GB0").with_evidence(result)
    assert (given.isrc, given.identifier_proof, given.album_upc_proof) == ("GB0", 1.0, 0.93)
    musicbrainz = query.with_evidence(ProviderResult(isrc="GB2", proof=0.95))
    assert musicbrainz.identifier_proof == 0.95
