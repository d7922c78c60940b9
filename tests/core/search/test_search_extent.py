from datetime import date

from stacdesk.core.catalogs.catalog import CollectionInfo
from stacdesk.core.query.search_query import SearchQuery
from stacdesk.core.search.extent import default_dates, empty_reasons, temporal_extent

S2 = CollectionInfo(
    "s2", "S2", temporal=("2023-01-01T09:40:20Z", "2025-06-29T10:30:41Z"), bbox=(-155, -38, 150, 67)
)
ONGOING = CollectionInfo("live", "Live", temporal=("2015-06-27T00:00:00Z", None))
PACIFIC = CollectionInfo(
    "pac", "Pacific", temporal=("2024-01-01T00:00:00Z", None), bbox=(170, -10, -170, 10)
)
TODAY = date(2026, 12, 7)


def test_default_dates_are_the_extents_last_30_days_or_all_of_a_short_one() -> None:
    assert temporal_extent([S2]) == (date(2023, 1, 1), date(2025, 6, 29))
    assert default_dates(*temporal_extent([S2]), TODAY) == (date(2025, 5, 30), date(2025, 6, 29))
    assert temporal_extent([S2, ONGOING]) == (date(2015, 6, 27), None)
    assert default_dates(date(2015, 6, 27), None, TODAY) == (date(2026, 11, 7), TODAY)
    assert default_dates(date(2025, 6, 20), date(2025, 6, 29), TODAY) == (
        date(2025, 6, 20),
        date(2025, 6, 29),
    )
    assert default_dates(None, None, TODAY) == (date(2026, 11, 7), TODAY)
    bad = CollectionInfo("bad", "Bad", temporal=("yesterday", "not a date"))
    assert temporal_extent([bad]) == (None, None)


def test_empty_reasons_name_dates_and_areas_outside_every_extent() -> None:
    late = SearchQuery(datetime="2026-11-07T00:00:00Z/2026-12-07T23:59:59Z")
    [reason] = empty_reasons(late, [S2])
    assert reason.kind == "dates" and "2023-01-01 – 2025-06-29" in reason.text
    assert empty_reasons(late, [S2, ONGOING]) == []  # an ongoing collection may have them
    arctic = SearchQuery(bbox=(0.0, 80.0, 20.0, 85.0))
    assert [r.kind for r in empty_reasons(arctic, [S2])] == ["area"]
    assert empty_reasons(arctic, [S2, ONGOING]) == []  # no bbox: may cover it
    across = SearchQuery(intersects={"type": "Point", "coordinates": [175.0, 0.0]})
    assert empty_reasons(across, [PACIFIC]) == []
    assert empty_reasons(SearchQuery(intersects={"type": "nonsense"}), [S2]) == []
    assert empty_reasons(late, []) == []
