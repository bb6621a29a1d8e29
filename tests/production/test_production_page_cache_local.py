"""The page cache's process-local tier (home/page_cache.py: LocalPages)."""

import time

import pytest
from django.core.cache import cache

from home import page_cache
from home.page_cache import GENERATION_KEY, HIT_HEADER, LocalPages


@pytest.fixture
def local_tier(settings):
    settings.PAGE_CACHE_SECONDS = 300
    settings.PAGE_CACHE_LOCAL_SECONDS = 3600  # never re-read by itself during a test
    return settings


@pytest.mark.django_db
def test_hit_from_local_memory_needs_neither_shared_cache_nor_database(
    local_tier, tree, client, django_assert_num_queries
):
    first = client.get(tree.advice.url)
    assert first[HIT_HEADER] == "miss"
    cache.clear()  # the shared cache forgets the page (and the generation)
    with django_assert_num_queries(0):
        second = client.get(tree.advice.url)
    assert second[HIT_HEADER] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


@pytest.mark.django_db
def test_publish_in_this_process_is_seen_at_once(local_tier, tree, client):
    client.get(tree.advice.url)
    assert client.get(tree.advice.url)[HIT_HEADER] == "hit"
    tree.advice.title = "Lås altid døren"
    tree.advice.save_revision().publish()
    response = client.get(tree.advice.url)
    assert response[HIT_HEADER] == "miss"
    assert "Lås altid døren" in response.content.decode()


@pytest.mark.django_db
def test_change_made_elsewhere_is_seen_once_the_generation_is_read_again(local_tier, tree, client):
    client.get(tree.advice.url)
    # Another app server publishes: it bumps the shared generation; this process does not know.
    cache.incr(GENERATION_KEY)
    assert client.get(tree.advice.url)[HIT_HEADER] == "hit"  # stale within the local period
    page_cache._generation_memo.read_at = time.monotonic() - 3601  # the period has passed
    assert client.get(tree.advice.url)[HIT_HEADER] == "miss"


@pytest.mark.django_db
def test_expired_entries_are_not_served(local_tier, tree, client):
    local_tier.PAGE_CACHE_SECONDS = 1
    client.get(tree.advice.url)
    key = next(iter(page_cache.local_pages._entries))
    expires, *rest = page_cache.local_pages._entries[key]
    page_cache.local_pages._entries[key] = (time.time() - 1, *rest)
    cache.clear()
    assert client.get(tree.advice.url)[HIT_HEADER] == "miss"


def entry(size, expires_in=60):
    return (time.time() + expires_in, 200, [("Content-Type", "text/html")], b"x" * size)


def test_local_pages_drop_the_least_recently_used_beyond_their_budget():
    pages = LocalPages(max_bytes=1000)
    for name in "abcd":
        pages.set(name, entry(240))
    assert len(pages) == 4
    pages.get("a")  # a is now the most recently used
    pages.set("e", entry(240))
    assert pages.get("b") is None
    assert pages.get("a") is not None
    assert pages.get("e") is not None
    assert pages._bytes <= 1000


def test_local_pages_skip_a_page_larger_than_a_quarter_of_the_budget():
    pages = LocalPages(max_bytes=1000)
    pages.set("small", entry(100))
    pages.set("huge", entry(400))
    assert pages.get("huge") is None
    assert pages.get("small") is not None


def test_local_pages_forget_expired_entries():
    pages = LocalPages(max_bytes=1000)
    pages.set("old", entry(100, expires_in=-1))
    assert pages.get("old") is None
    assert pages._bytes == 0
