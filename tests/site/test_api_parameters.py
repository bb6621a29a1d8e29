"""The read-only API answers any query string with a page list, 400 with a message, or 404:
never a server error, whatever a client sends."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.factories import build_page_tree

pytestmark = pytest.mark.django_db

LISTING = "/api/v2/pages/"


@pytest.fixture
def api_tree(db):
    return build_page_tree()


@pytest.mark.parametrize(
    "query",
    [
        {"offset": "99999999999999999999"},
        {"limit": "99999999999999999999"},
        {"offset": "-1"},
        {"limit": "1000"},
        {"search": "x", "search_operator": "evil"},
        {"child_of": "99999999999999999999"},
        {"descendant_of": "-99999999999999999999"},
        {"ancestor_of": "99999999999999999999"},
        {"translation_of": "99999999999999999999"},
        {"depth": "99999999999999999999"},
        {"id": "99999999999999999999"},
        {"title": "a\x00b"},
        {"search": "a\x00b"},
        {"order": "evil"},
        {"fields": "evil"},
        {"type": "home.Evil"},
        {"rich_text_format": "evil"},
        {"format": "evil"},
        {"evil": "1"},
    ],
)
def test_bad_parameters_get_400_with_a_message(client, api_tree, query):
    response = client.get(LISTING, query)
    assert response.status_code == 400, response.content
    assert response.json()["message"]


def test_good_parameters_still_work(client, api_tree):
    response = client.get(
        LISTING, {"offset": "1", "limit": "2", "search": "plan", "search_operator": "or"}
    )
    assert response.status_code == 200
    assert client.get(LISTING, {"child_of": str(api_tree.home.pk)}).status_code == 200


PARAMETER_NAMES = st.sampled_from(
    [
        "limit", "offset", "fields", "order", "search", "search_operator", "rich_text_format",
        "type", "child_of", "ancestor_of", "descendant_of", "translation_of", "locale", "site",
        "format", "id", "title", "slug", "depth", "show_in_menus", "seo_title",
        "first_published_at", "html_path", "_",
    ]
) | st.text(min_size=1, max_size=8)  # fmt: skip
NUMBERS = st.integers(min_value=-(10**30), max_value=10**30).map(str)
VALUES = NUMBERS | st.text(max_size=20) | st.sampled_from(["root", "*", "-id", "random", "and"])


@settings(max_examples=150)
@given(query=st.dictionaries(PARAMETER_NAMES, VALUES, min_size=1, max_size=4))
def test_no_query_string_gives_a_server_error(client, api_tree, query):
    for url in (LISTING, f"{LISTING}{api_tree.home.pk}/", f"{LISTING}find/"):
        response = client.get(url, query)
        assert response.status_code < 500, (url, query, response.content[:300])
        if response.status_code == 400:
            assert response.json()["message"]
