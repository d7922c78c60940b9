from pystac_client.exceptions import APIError

from stacdesk.core.catalogs.api_catalog import advertised_search_method
from stacdesk.core.common.errors import describe_error


def api_error(status: int, body: str) -> APIError:
    error = APIError(body)
    error.status_code = status
    return error


def test_http_errors_are_explained_with_the_servers_message() -> None:
    text = describe_error(api_error(401, '{"description": "login needed"}'), "https://x")
    assert text.startswith("HTTP 401: the server requires you to log in")
    assert "login needed" in text


def test_html_error_pages_are_not_dumped() -> None:
    assert "<html>" not in describe_error(api_error(502, "<html><body>bad</body></html>"))


def test_search_method_follows_the_landing_page() -> None:
    assert advertised_search_method({"links": [{"rel": "search", "href": "x"}]}) == "GET"
    assert (
        advertised_search_method(
            {"links": [{"rel": "search", "method": "GET"}, {"rel": "search", "method": "POST"}]}
        )
        == "POST"
    )
    assert advertised_search_method({"links": []}) == "GET"
