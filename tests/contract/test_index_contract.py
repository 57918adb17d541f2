"""What every RecommendationIndex must do; run against each implementation."""

from __future__ import annotations

import threading

import pytest

from services.errors import DuplicateRecommendation, NotFound
from services.index import Change, RecommendationIndex, SearchQuery
from services.index.cursor import InvalidCursor
from services.model import Recommendation
from services.recommendations import RecommendationService
from services.webhooks.notifications import LinkNotifications
from services.webhooks.outbox import NoOutbox
from tests.factories import RecordingScheduler, stored


def test_create_then_get_returns_the_document(index: RecommendationIndex) -> None:
    document = stored(title="Sigur Rós - Ágætis byrjun", description="Icelandic post-rock")
    index.create(document)
    assert index.get(document["id"]) == document


def test_get_unknown_raises_not_found(index: RecommendationIndex) -> None:
    with pytest.raises(NotFound):
        index.get("no-such-id")


def test_duplicate_key_is_refused_with_the_existing_id(index: RecommendationIndex) -> None:
    first = stored(title="Breaking Benjamin - Phobia")
    index.create(first)
    with pytest.raises(DuplicateRecommendation) as raised:
        index.create(dict(first))
    assert raised.value.existing_id == first["id"]


def test_concurrent_creates_of_one_item_store_exactly_one(index: RecommendationIndex) -> None:
    document = stored(title="Muse - Absolution")
    outcomes: list[str] = []
    barrier = threading.Barrier(20)

    def create() -> None:
        barrier.wait()
        try:
            index.create(dict(document))
            outcomes.append("created")
        except DuplicateRecommendation:
            outcomes.append("duplicate")

    threads = [threading.Thread(target=create) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("created") == 1
    assert outcomes.count("duplicate") == 19


def test_update_changes_fields_and_search_text(index: RecommendationIndex) -> None:
    document = stored(title="Placebo - Meds")
    index.create(document)
    changed = index.update(document["id"], lambda doc: {**doc, "description": "moody glam rock"})
    assert changed == {**document, "description": "moody glam rock"}
    assert index.get(document["id"]) == changed
    assert [item["id"] for item in index.search(SearchQuery(q="glam")).items] == [document["id"]]


def test_update_onto_another_key_is_a_duplicate(index: RecommendationIndex) -> None:
    first, second = stored(title="A - One"), stored(title="B - Two")
    index.create(first)
    index.create(second)
    with pytest.raises(DuplicateRecommendation) as raised:
        index.update(second["id"], lambda doc: {**doc, "dedup_key": first["dedup_key"]})
    assert raised.value.existing_id == first["id"]
    assert index.get(second["id"]) == second


def test_update_of_an_unknown_id_is_not_found(index: RecommendationIndex) -> None:
    with pytest.raises(NotFound):
        index.update("no-such-id", lambda doc: doc)


def test_delete_removes_it_and_unknown_is_not_found(index: RecommendationIndex) -> None:
    document = stored()
    index.create(document)
    index.delete(document["id"])
    with pytest.raises(NotFound):
        index.get(document["id"])
    with pytest.raises(NotFound):
        index.delete(document["id"])
    assert index.search(SearchQuery()).total == 0


def test_search_by_word_in_title_artist_or_description(index: RecommendationIndex) -> None:
    phobia = stored(title="Breaking Benjamin - Phobia", artist="Breaking Benjamin")
    absolution = stored(title="Muse - Absolution", description="space rock with phobia of silence")
    other = stored(title="Kino - Gruppa krovi")
    for document in (phobia, absolution, other):
        index.create(document)
    page = index.search(SearchQuery(q="phobia"))
    assert page.total == 2
    # The title counts more than the description.
    assert [item["id"] for item in page.items] == [phobia["id"], absolution["id"]]


def test_search_folds_case_and_accents(index: RecommendationIndex) -> None:
    document = stored(title="Beyoncé - Lemonade")
    index.create(document)
    assert index.search(SearchQuery(q="BEYONCE")).total == 1
    assert index.search(SearchQuery(q="beyoncé")).total == 1


def test_search_treats_query_syntax_as_words(index: RecommendationIndex) -> None:
    index.create(stored(title="AC/DC - Back in Black"))
    for hostile in ['"', "title:*", "NOT AND OR", "(((", "a* OR b*", "\\", "~!@#$%^&*()_+{}|:<>?"]:
        page = index.search(SearchQuery(q=hostile))
        assert page.total == 0


def test_control_characters_in_a_search_are_word_breaks(index: RecommendationIndex) -> None:
    # SQLite's FTS5 parser ends a string at NUL: the query once failed as "unterminated".
    index.create(stored(title="AC/DC - Back in Black"))
    for spaced in ["back\x00black", "\x00back", "back\x01\x1fblack\x7f"]:
        assert index.search(SearchQuery(q=spaced)).total == 1


def test_filters_by_user_kind_and_platform(index: RecommendationIndex) -> None:
    found = {"status": "found", "url": "https://open.spotify.com/album/1", "method": "search"}
    ana_album = stored(user="ana", kind="album", links={"spotify": found}, links_status="complete")
    ana_track = stored(user="ana", kind="track")
    bob_album = stored(user="bob", kind="album")
    for document in (ana_album, ana_track, bob_album):
        index.create(document)
    assert {i["id"] for i in index.search(SearchQuery(user="ana")).items} == {
        ana_album["id"],
        ana_track["id"],
    }
    assert {i["id"] for i in index.search(SearchQuery(kind="album")).items} == {
        ana_album["id"],
        bob_album["id"],
    }
    assert [i["id"] for i in index.search(SearchQuery(platform="spotify")).items] == [
        ana_album["id"]
    ]
    assert index.search(SearchQuery(user="ana", kind="album")).total == 1


def test_without_q_newest_first_and_cursor_pages_through_all(index: RecommendationIndex) -> None:
    documents = [stored(created_at=f"2026-01-{day:02d}T00:00:00.000Z") for day in range(1, 8)]
    for document in documents:
        index.create(document)
    seen: list[str] = []
    cursor = None
    while True:
        page = index.search(SearchQuery(limit=3, cursor=cursor))
        assert page.total == 7
        seen += [item["id"] for item in page.items]
        cursor = page.next_cursor
        if cursor is None:
            break
    assert seen == [document["id"] for document in reversed(documents)]


def test_cursor_pages_through_relevance_results(index: RecommendationIndex) -> None:
    documents = [stored(title=f"Band {n} - Echo {n}") for n in range(5)]
    for document in documents:
        index.create(document)
    first = index.search(SearchQuery(q="echo", limit=2))
    second = index.search(SearchQuery(q="echo", limit=2, cursor=first.next_cursor))
    third = index.search(SearchQuery(q="echo", limit=2, cursor=second.next_cursor))
    ids = [item["id"] for page in (first, second, third) for item in page.items]
    assert sorted(ids) == sorted(document["id"] for document in documents)
    assert third.next_cursor is None


def test_foreign_cursor_is_refused(index: RecommendationIndex) -> None:
    index.create(stored())
    with pytest.raises(InvalidCursor):
        index.search(SearchQuery(cursor="not-a-cursor"))


def test_set_links_keeps_manual_links_and_sets_status(index: RecommendationIndex) -> None:
    manual = {"status": "found", "url": "https://open.spotify.com/album/right", "method": "manual"}
    document = stored(links={"spotify": manual})
    index.create(document)
    looked_up = {
        "spotify": {
            "status": "found",
            "url": "https://open.spotify.com/album/wrong",
            "method": "search",
        },
        "deezer": {"status": "error", "detail": "timeout"},
    }
    changed = index.set_links(document["id"], looked_up, cover_img="https://img.example/cover.jpg")
    assert changed["links"]["spotify"]["url"].endswith("/right")
    assert changed["links"]["deezer"]["status"] == "error"
    assert changed["links_status"] == "partial"
    assert changed["img"] == "https://img.example/cover.jpg"
    assert index.get(document["id"]) == changed
    assert index.pending_ids() == [document["id"]]


def test_cover_art_never_replaces_a_given_img(index: RecommendationIndex) -> None:
    document = stored(img="https://community.example/mine.jpg")
    index.create(document)
    changed = index.set_links(document["id"], {}, cover_img="https://img.example/other.jpg")
    assert changed["img"] == "https://community.example/mine.jpg"
    assert changed["links_status"] == "complete"


def test_a_sources_credit_is_kept_with_its_links(index: RecommendationIndex) -> None:
    document = stored(kind="movie")
    index.create(document)
    netflix = {"status": "found", "url": "https://www.themoviedb.org/movie/949/watch"}
    index.set_links(document["id"], {"netflix": netflix}, attribution="Data by JustWatch")
    # A later lookup without a credit keeps it, as it keeps the links it credits.
    changed = index.set_links(document["id"], {"deezer": {"status": "skipped"}})
    assert changed["attribution"] == "Data by JustWatch"
    assert index.get(document["id"])["attribution"] == "Data by JustWatch"


def test_pending_and_stale_lookups_are_listed(index: RecommendationIndex) -> None:
    pending, done = stored(), stored()
    index.create(pending)
    index.create(done)
    old = {"status": "not_found", "method": "search", "checked_at": "2020-01-01T00:00:00.000Z"}
    index.set_links(done["id"], {"deezer": old})
    assert index.pending_ids() == [pending["id"]]
    assert index.links_checked_before("2021-01-01T00:00:00.000Z") == [done["id"]]
    assert index.links_checked_before("2019-01-01T00:00:00.000Z") == []
    index.mark_pending(done["id"])
    assert set(index.pending_ids()) == {pending["id"], done["id"]}


def test_bulk_load_and_scan_round_trip(index: RecommendationIndex) -> None:
    documents = [stored() for _ in range(120)]
    assert index.bulk_load(documents) == 120
    assert index.bulk_load(documents[:10]) == 0
    assert sorted(d["id"] for d in index.scan()) == sorted(d["id"] for d in documents)


def test_ping_answers(index: RecommendationIndex) -> None:
    index.ping()


def test_the_last_word_of_a_search_needs_all_its_parts(index: RecommendationIndex) -> None:
    acdc = stored(title="AC/DC - Back in Black")
    index.create(acdc)
    index.create(stored(title="AC - Acoustic Covers"))
    index.create(stored(title="DC Talk - Jesus Freak"))
    assert [d["id"] for d in index.search(SearchQuery(q="AC/DC")).items] == [acdc["id"]]
    assert [d["id"] for d in index.search(SearchQuery(q="back ac/dc")).items] == [acdc["id"]]


def test_a_change_and_a_lookup_finishing_together_both_land(index: RecommendationIndex) -> None:
    document = stored(title="Portishead - Dummy")
    index.create(document)
    lookup = threading.Thread(
        target=index.set_links, args=(document["id"], {"deezer": {"status": "not_found"}})
    )

    class LookupLandsMidChange:
        """The index, but a lookup stores its links between the change's read and write."""

        def __getattr__(self, name: str) -> object:
            return getattr(index, name)

        def update(self, recommendation_id: str, change: Change) -> Recommendation:
            def interrupted(current: Recommendation) -> Recommendation:
                if not lookup.is_alive() and lookup.ident is None:
                    lookup.start()
                    # Where writes are atomic (SQLite) the lookup waits for this one.
                    lookup.join(timeout=1)
                return change(current)

            return index.update(recommendation_id, interrupted)

    notifications = LinkNotifications(index, NoOutbox())
    service = RecommendationService(LookupLandsMidChange(), RecordingScheduler(), notifications)  # type: ignore[arg-type]
    service.update(document["id"], {"description": "trip hop"})
    lookup.join()
    final = index.get(document["id"])
    assert final["links"] == {"deezer": {"status": "not_found"}}
    assert final["description"] == "trip hop"
