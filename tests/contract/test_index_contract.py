"""What every RecommendationIndex must do; run against each implementation."""

from __future__ import annotations

import threading

import pytest

from services.dedup import duplicate_key, recommendation_id
from services.errors import DuplicateRecommendation, NotFound
from services.index import Change, LoadReport, RecommendationIndex, SearchQuery
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


def _renamed(index: RecommendationIndex, recommendation_id: str, title: str) -> Recommendation:
    def rename(doc: Recommendation) -> Recommendation:
        changed: Recommendation = {**doc, "title": title}
        return {**changed, "dedup_key": duplicate_key(changed)}

    return index.update(recommendation_id, rename)


def test_a_key_left_by_a_rename_is_free_for_a_new_recommendation(
    index: RecommendationIndex,
) -> None:
    # The id is the first key's hash and never changes: the renamed document held the
    # old key's id, so a new post of the old title was a 409 pointing at it, forever.
    first = stored(title="Air - Moon Safari")
    assert index.create(first) == first["id"]
    renamed = _renamed(index, first["id"], "Air - Talkie Walkie")
    again = stored(title="Air - Moon Safari")
    assert again["id"] == first["id"]  # the key's own id, held by the renamed one
    second_id = index.create(again)
    assert second_id != first["id"]
    assert index.get(second_id) == {**again, "id": second_id}
    assert index.get(first["id"]) == renamed
    with pytest.raises(DuplicateRecommendation) as raised:
        index.create(stored(title="Air - Moon Safari"))
    assert raised.value.existing_id == second_id
    # Renamed back, the first one meets the key held again.
    with pytest.raises(DuplicateRecommendation) as raised:
        _renamed(index, first["id"], "Air - Moon Safari")
    assert raised.value.existing_id == second_id
    # Left a second time, the key is free a second time: the next id.
    _renamed(index, second_id, "Air - 10 000 Hz Legend")
    third_id = index.create(stored(title="Air - Moon Safari"))
    assert len({first["id"], second_id, third_id}) == 3
    assert index.search(SearchQuery()).total == 3


def test_concurrent_creates_of_a_key_left_by_a_rename_store_exactly_one(
    index: RecommendationIndex,
) -> None:
    first = stored(title="Muse - Showbiz")
    index.create(first)
    _renamed(index, first["id"], "Muse - Origin of Symmetry")
    outcomes: list[str] = []
    barrier = threading.Barrier(20)

    def create() -> None:
        barrier.wait()
        try:
            outcomes.append(index.create(stored(title="Muse - Showbiz")))
        except DuplicateRecommendation as duplicate:
            outcomes.append("duplicate of " + duplicate.existing_id)

    threads = [threading.Thread(target=create) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    [created] = [outcome for outcome in outcomes if not outcome.startswith("duplicate")]
    assert created != first["id"]
    assert outcomes.count(f"duplicate of {created}") == 19


def test_the_message_that_stored_a_renamed_document_finds_it_again(
    index: RecommendationIndex,
) -> None:
    # Delivered again after its document was renamed, a message is the same item: it
    # must find that document (the service answers 201 again), not store a second one.
    first = stored(title="Low - Secret Name", source_message_id="message-1")
    index.create(first)
    _renamed(index, first["id"], "Low - Things We Lost in the Fire")
    with pytest.raises(DuplicateRecommendation) as raised:
        index.create(stored(title="Low - Secret Name", source_message_id="message-1"))
    assert raised.value.existing_id == first["id"]
    # Another message of the old title is a new recommendation.
    other = index.create(stored(title="Low - Secret Name", source_message_id="message-2"))
    assert other != first["id"]
    # And the first message, delivered once more, still finds its own document first.
    with pytest.raises(DuplicateRecommendation) as raised:
        index.create(stored(title="Low - Secret Name", source_message_id="message-1"))
    assert raised.value.existing_id == first["id"]


def test_an_import_s_own_id_is_kept_and_never_moved(index: RecommendationIndex) -> None:
    own = {**stored(title="Nick Drake - Pink Moon"), "id": "exported-id-1"}
    assert index.create(own) == "exported-id-1"
    _renamed(index, "exported-id-1", "Nick Drake - Bryter Layter")
    # The same id again (with the old key, now free) is still the id of another document.
    with pytest.raises(DuplicateRecommendation) as raised:
        index.create({**stored(title="Nick Drake - Pink Moon"), "id": "exported-id-1"})
    assert raised.value.existing_id == "exported-id-1"


def test_bulk_load_stores_a_key_left_by_a_rename_under_its_next_id(
    index: RecommendationIndex,
) -> None:
    first = stored(title="Björk - Post")
    index.create(first)
    _renamed(index, first["id"], "Björk - Telegram")
    again = stored(title="Björk - Post")  # a POST body imported: the key's own id
    assert index.bulk_load([again, stored()]) == LoadReport(2)
    assert index.search(SearchQuery(q="post")).total == 1
    assert index.bulk_load([stored(title="Björk - Post")]) == LoadReport(0)


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


def test_a_search_of_control_characters_alone_is_a_search_without_words(
    index: RecommendationIndex,
) -> None:
    # Elasticsearch's analyzer dropped them and matched nothing; SQLite listed everything.
    documents = [stored(title="AC/DC - Back in Black"), stored(title="Kino - Gruppa krovi")]
    for document in documents:
        index.create(document)
    for nothing in ["\x00", "\x01\x1f", " \x7f ", "".join(map(chr, range(32)))]:
        assert index.search(SearchQuery(q=nothing)).total == 2, repr(nothing)


def test_control_characters_in_stored_text_and_filters_are_text(
    index: RecommendationIndex,
) -> None:
    # NUL and friends in a title (the spec lets them through) or a user filter reach
    # SQLite and Elasticsearch as text: stored, found by their words, never an error.
    document = stored(title="Back\x00in\x1fBlack\x7f", artist="AC\x01DC", user="ana\x7f")
    index.create(document)
    assert index.get(document["id"]) == document
    assert index.search(SearchQuery(q="black")).total == 1
    assert index.search(SearchQuery(user="ana\x7f")).total == 1
    assert index.search(SearchQuery(user="ana\x00")).total == 0


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


def test_a_lookup_keeps_the_sources_link_and_a_found_link_through_a_passing_fault(
    index: RecommendationIndex,
) -> None:
    # The track a user plays comes with its Spotify link (`provider`): a lookup finishing
    # after it, or a platform failing on a later lookup, must not take a link away.
    from_source = {
        "status": "found",
        "url": "https://open.spotify.com/track/it",
        "method": "provider",
    }
    found = {"status": "found", "url": "https://www.deezer.com/track/1", "method": "isrc"}
    document = stored(links={"spotify": from_source, "deezer": found})
    index.create(document)
    changed = index.set_links(
        document["id"],
        {
            "spotify": {"status": "error", "detail": "rate limited"},
            "deezer": {"status": "error", "detail": "timed out"},
        },
    )
    assert changed["links"] == {"spotify": from_source, "deezer": found}
    assert changed["links_status"] == "complete"
    moved = {"status": "not_found", "checked_at": "2026-01-01T00:00:00.000Z"}
    changed = index.set_links(document["id"], {"deezer": moved})
    assert changed["links"]["deezer"] == moved  # an answer, not a fault: it counts
    assert changed["links"]["spotify"] == from_source


def test_a_lookup_keeps_the_link_the_work_was_named_by(index: RecommendationIndex) -> None:
    # A reclink read by its id (`source`) is proven: a later lookup finding another
    # release by search or ISRC, or failing, leaves it; the reclink read again replaces
    # it, and only a person's correction overrules it.
    named = {"status": "found", "url": "https://www.deezer.com/track/1", "method": "source"}
    document = stored(links={"deezer": named})
    index.create(document)
    for weaker in (
        {"status": "found", "url": "https://www.deezer.com/track/2", "method": "isrc"},
        {"status": "found", "url": "https://www.deezer.com/track/3", "method": "search"},
        {"status": "not_found", "method": "search"},
        {"status": "error", "detail": "timed out"},
    ):
        changed = index.set_links(document["id"], {"deezer": weaker})
        assert changed["links"]["deezer"] == named
    read_again = {**named, "url": "https://www.deezer.com/track/4"}
    assert index.set_links(document["id"], {"deezer": read_again})["links"]["deezer"] == read_again
    manual = {"status": "found", "url": "https://www.deezer.com/track/5", "method": "manual"}
    assert index.set_links(document["id"], {"deezer": manual})["links"]["deezer"] == manual
    assert index.set_links(document["id"], {"deezer": named})["links"]["deezer"] == manual


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
    assert index.bulk_load(documents) == LoadReport(120)
    assert index.bulk_load(documents[:10]) == LoadReport(0)
    assert sorted(d["id"] for d in index.scan()) == sorted(d["id"] for d in documents)


def test_bulk_load_reports_a_document_the_index_cannot_hold_and_keeps_the_rest(
    index: RecommendationIndex,
) -> None:
    # Text no store can hold (a lone surrogate: import refuses it first, this is the
    # index's own guard). SQLite once failed the whole batch with it.
    good, other = stored(), stored()
    bad = {**stored(), "description": "Broken \ud800 text"}
    report = index.bulk_load([good, bad, other])
    assert report.created == 2
    [(position, why)] = report.refused
    assert position == 1 and why
    assert sorted(d["id"] for d in index.scan()) == sorted([good["id"], other["id"]])


def test_batches_load_in_turn_and_the_first_of_a_work_across_them_is_kept(
    index: RecommendationIndex,
) -> None:
    # An import's stream: the index may write a batch while it settles the one before,
    # and still keeps the first of a work, whichever way its key is held.
    native = stored(title="Portishead - Dummy", description="first")
    own = {**stored(title="Massive Attack - Mezzanine", description="first"), "id": "own-1"}
    later = [
        {**native, "description": "later"},
        {**own, "description": "later", "id": recommendation_id(own["dedup_key"])},
        {**native, "description": "later", "id": "own-2"},
    ]
    fillers = [[stored() for _ in range(3)] for _ in range(3)]
    reports = list(
        index.bulk_load_batches(
            [[native, own, *fillers[0]], [later[0], *fillers[1]], [*later[1:], *fillers[2]]]
        )
    )
    assert [report.created for report in reports] == [5, 3, 3]
    assert all(not report.refused for report in reports)
    assert index.get(native["id"])["description"] == "first"
    assert index.get("own-1")["description"] == "first"
    assert sum(1 for _ in index.scan()) == 11


def test_a_refused_document_never_makes_the_next_of_its_work_a_duplicate(
    index: RecommendationIndex,
) -> None:
    # Of documents sharing a key a load keeps the first it can store, as creating them
    # one by one would: the first holds text no store can hold, the next is the same work.
    good = stored(title="Portishead - Dummy", description="Bristol, 1994")
    broken = {**good, "description": "Broken \ud800 text"}
    report = index.bulk_load([broken, good, stored()])
    assert report.created == 2
    assert [position for position, _ in report.refused] == [0]
    assert index.get(good["id"])["description"] == "Bristol, 1994"


def test_an_integer_beyond_64_bits_never_fails_the_rest_of_its_batch(
    index: RecommendationIndex,
) -> None:
    # A stored document's `year` is any integer (an exported line, imported again). The
    # Elasticsearch client (orjson) cannot write one beyond 64 bits: that document is
    # refused alone, never the whole bulk request. SQLite keeps the document's JSON as
    # text, where it fits.
    good, other = stored(), stored()
    bad = {**stored(), "year": 10**30}
    report = index.bulk_load([good, bad, other])
    assert report.created + len(report.refused) == 3
    assert [position for position, _ in report.refused] in ([], [1])
    kept = {d["id"] for d in index.scan()}
    assert {good["id"], other["id"]} <= kept


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
