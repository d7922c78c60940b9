"""The count said before paging on: the server's, or an estimate from the first page's dates."""

from __future__ import annotations

from stacdesk.core.catalogs.catalog import CollectionInfo
from stacdesk.core.query.search_query import SearchQuery
from stacdesk.core.search.match_count import item_times, match_count, needs_asking


def _page(days: list[int]) -> list[float]:
    return item_times(
        [{"id": f"i{d}", "properties": {"datetime": f"2024-01-{d:02d}T00:00:00Z"}} for d in days]
    )


def test_the_servers_count_wins_and_says_whether_it_is_an_estimate() -> None:
    exact = match_count(SearchQuery(), _page([1, 2]), 5_000)
    assert exact is not None and exact.exact and exact.count == 5_000
    assert exact.describe() == "5,000 results (the server's count)"
    rough = match_count(SearchQuery(), _page([1, 2]), 5_000, estimated=True)
    assert rough is not None and rough.describe() == "about 5,000 results (the server's estimate)"


def test_one_page_is_the_whole_count() -> None:
    count = match_count(SearchQuery(), _page([1, 2, 3]), None, more=False)
    assert count is not None and count.exact and count.count == 3


def test_without_a_count_the_pages_density_over_the_searched_interval() -> None:
    # 10 results over 9 days; the search covers 90 days: about 100
    query = SearchQuery(datetime="2024-01-01T00:00:00Z/2024-03-31T00:00:00Z")
    count = match_count(query, _page(list(range(1, 11))), None)
    assert count is not None and not count.exact and count.count == 100
    assert "span 9 days of the 90 days searched" in count.how


def test_an_open_interval_is_closed_by_the_collections_extents() -> None:
    year = CollectionInfo("c", "c", temporal=("2024-01-01T00:00:00Z", "2024-12-31T00:00:00Z"))
    count = match_count(SearchQuery(), _page(list(range(1, 11))), None, collections=[year])
    assert count is not None and count.count == round(10 * 365 / 9)
    assert match_count(SearchQuery(), _page(list(range(1, 11))), None) is None  # no start


def test_no_estimate_for_another_sort_order_or_no_dates() -> None:
    query = SearchQuery(datetime="2024-01-01T00:00:00Z/2024-03-31T00:00:00Z")
    by_cloud = query.with_changes(sortby=("eo:cloud_cover",))
    assert match_count(by_cloud, _page(list(range(1, 11))), None) is None
    assert match_count(query, item_times([{"id": "x", "properties": {}}] * 5), None) is None


def test_asking_respects_max_items_and_zero_turns_it_off() -> None:
    count = match_count(SearchQuery(), [], 2_000_000)
    assert needs_asking(count, None, 1_000_000)
    assert not needs_asking(count, 500_000, 1_000_000)
    assert not needs_asking(count, None, 0)
    assert not needs_asking(None, None, 1)
