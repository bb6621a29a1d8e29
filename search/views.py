"""The public site search (/soeg/): live, public pages through the models' search_fields."""

import hashlib
import logging
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import DatabaseError, connection, transaction
from django.db.models import Q
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.text import slugify
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Page, PageViewRestriction, Site, get_page_models

from home.layout import VERSION_SECONDS as LAYOUT_VERSION_SECONDS
from home.layout import layout_version
from municipalities.models import MunicipalityPage
from search import spelling
from search.stemming import expand_query
from search.text import highlight, query_terms, snippet_texts

logger = logging.getLogger(__name__)

# Longer queries are cut rather than refused: nobody means 5,000 characters, and the backends
# should never see them.
MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10
SUGGESTIONS = 8
# "Mente du …?" is offered when a search finds fewer results than this.
FEW_RESULTS = 3
DEFAULT_TYPE_LABEL = "Side"


def search_errors():
    """Errors from a search engine that cannot answer a query (or is down): shown as "no
    results" with a notice, never as a server error. The elasticsearch client is imported only
    where the Elasticsearch backend is configured."""
    backend = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]
    if "elasticsearch" not in backend:
        return (DatabaseError,)
    from elasticsearch import ApiError, TransportError

    return (DatabaseError, ApiError, TransportError)


def clean_query(raw):
    # Control characters (NUL above all: PostgreSQL refuses it) become spaces.
    text = "".join(char if char.isprintable() else " " for char in str(raw or "")[:1000])
    query = " ".join(text.split())[:MAX_QUERY_LENGTH]
    if query.count('"') % 2:
        # An unbalanced quote cannot be a phrase; the FTS backends reject it, so drop the quotes.
        query = query.replace('"', " ")
    return " ".join(query.split())


def type_label(model):
    return getattr(model, "search_type_label", DEFAULT_TYPE_LABEL)


def type_choices():
    """{slug: (label, [page models])} from every page model's search_type_label."""
    choices = {}
    for model in get_page_models():
        if model is Page:
            continue
        label = type_label(model)
        choices.setdefault(slugify(label), (label, []))[1].append(model)
    return dict(sorted(choices.items(), key=lambda item: item[1][0]))


def cached_with_layout(name, compute):
    """compute()'s value, kept in the cache under the layout's version (home/layout.py). The
    version changes whenever a page is published, unpublished, moved or deleted or a view
    restriction changes: everything that decides which pages are live and public."""
    key = f"search-{name}:{layout_version()}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, LAYOUT_VERSION_SECONDS)
    return value


def public_pages():
    """Page.objects.live().public(), with the paths of the view restrictions from the cache.

    Wagtail's public() reads every restriction with its page on each call; the search asks on
    every request, and the restrictions change only with the layout. As in public(), a
    restricted page and everything below it (its path's descendants) are left out."""
    paths = cached_with_layout(
        "private-paths",
        lambda: sorted(set(PageViewRestriction.objects.values_list("page__path", flat=True))),
    )
    private = Q(pk__in=[])
    for path in paths:
        private |= Q(path__startswith=path)
    return Page.objects.live().exclude(private)


def request_site(request):
    """Site.find_for_request(request), kept in the cache with the layout (a Site saved or deleted
    renews it). Wagtail looks the site up once per request with a query whose building alone
    costs several milliseconds; the results' links only need it to be relative on this site."""
    host = hashlib.sha256(f"{request.get_host()}:{request.get_port()}".encode()).hexdigest()
    return cached_with_layout(f"site:{host}", lambda: Site.find_for_request(request) or "")


def page_url(page, site, request):
    # Wagtail's relative_url: relative on this site, absolute for a page of another site.
    return page.relative_url(site, request) if site else page.get_url(request)


@dataclass(frozen=True)
class MunicipalityChoice:
    title: str
    slug: str
    path: str


def municipality_choices():
    """The municipality filter's options (two queries and a tenth of a search's time when read
    from the database on every request)."""

    def read():
        pages = MunicipalityPage.objects.live().public().order_by("title")
        return list(pages.values_list("title", "slug", "path"))

    return [MunicipalityChoice(*choice) for choice in cached_with_layout("municipalities", read)]


def main_sections():
    """The home page's sections in the menu, offered when a search finds nothing."""
    return (
        Page.objects.live()
        .public()
        .in_menu()
        .filter(depth=3)
        .order_by("path")
        .only("title", "path", "url_path", "depth")
    )


def breadcrumbs_for(pages, site, request):
    """{page.pk: [ancestor crumb, …]} for all results: each ancestor's crumb (title and link) is
    kept in the cache with the layout, which changes when a title or a path could; the missing
    ones are read in one query."""
    paths = set()
    for page in pages:
        # Depth 1 is Wagtail's invisible root; the home page (depth 2) is "Forside".
        for depth in range(2, page.depth):
            paths.add(page.path[: depth * Page.steplen])
    prefix = f"search-crumb:{layout_version()}:{site.pk if site else ''}:"
    cached = cache.get_many([prefix + path for path in paths])
    crumb_for = {key.removeprefix(prefix): crumb for key, crumb in cached.items()}
    missing = paths - crumb_for.keys()
    if missing:
        read = {
            ancestor.path: {
                "title": "Forside" if ancestor.depth == 2 else ancestor.title,
                "url": page_url(ancestor, site, request),
            }
            for ancestor in Page.objects.filter(path__in=missing).only(
                "path", "depth", "title", "url_path"
            )
        }
        cache.set_many(
            {prefix + path: crumb for path, crumb in read.items()}, LAYOUT_VERSION_SECONDS
        )
        crumb_for.update(read)
    crumbs = {}
    for page in pages:
        trail = []
        for depth in range(2, page.depth):
            crumb = crumb_for.get(page.path[: depth * Page.steplen])
            if crumb is not None:
                trail.append(crumb)
        crumbs[page.pk] = trail
    return crumbs


def record_search(recorded):
    """Wagtail's add_hit for the popular-queries report, on PostgreSQL committed without
    waiting for the write-ahead log to reach the disk (synchronous_commit off, for this
    transaction only): a crash may lose the last hits of a count, and no search waits for a
    disk sync (1.2-1.5 ms of a search here)."""
    if connection.vendor != "postgresql":
        recorded.add_hit()
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")
        recorded.add_hit()


def promotions_for(query, public_pages, site, request):
    """Editors' promoted results for the query (wagtail.contrib.search_promotions), in their
    order; a promoted page only while it is live and public, like every result."""
    promotions = list(query.editors_picks.order_by("sort_order"))
    page_ids = [promotion.page_id for promotion in promotions if promotion.page_id]
    # Most queries have no promotion, and then no page is read.
    pages = {page.pk: page for page in public_pages.filter(pk__in=page_ids)} if page_ids else {}
    return [
        {
            "title": promotion.title,
            "url": (
                page_url(pages[promotion.page_id], site, request)
                if promotion.page_id
                else promotion.link
            ),
            "description": promotion.description,
        }
        for promotion in promotions
        if promotion.page_id is None or promotion.page_id in pages
    ]


def spelling_suggestion(query, pages, found, filter_params):
    """The "Mente du …?" offer: the query with its unknown words spelt as in the index
    (search/spelling.py), if that finds more pages with the same filters; None otherwise."""
    suggestion = spelling.suggest(query)
    if suggestion is None:
        return None
    try:
        # More pages than the query found, unranked: ranking or counting every match of a
        # common word costs far more (hundreds of ms at 10,000 pages on PostgreSQL).
        more = pages.search(expand_query(suggestion), order_by_relevance=False)[: found + 1]
        if len(more) <= found:
            return None
    except search_errors():
        logger.warning("Search for the spelling suggestion failed: %r", suggestion, exc_info=True)
        return None
    return {"query": suggestion, "query_string": urlencode({"q": suggestion, **filter_params})}


def search(request):
    query = clean_query(request.GET.get("q"))
    types = type_choices()
    municipalities = municipality_choices()
    selected_type = request.GET.get("type", "")
    if selected_type not in types:
        selected_type = ""
    selected_municipality = next(
        (m for m in municipalities if m.slug == request.GET.get("kommune", "")), None
    )

    filter_params = {}
    if selected_type:
        filter_params["type"] = selected_type
    if selected_municipality:
        filter_params["kommune"] = selected_municipality.slug

    results_page = None
    results = []
    promotions = []
    search_failed = False
    suggested_spelling = None
    if query:
        # Path lookups, as in Wagtail's public(): the search backends translate only field
        # lookups into their filters, not the subquery of site_pages().
        public = public_pages()
        site = request_site(request)
        recorded = Query.get(query)
        first_page = request.GET.get("side", "1") in {"", "1"}
        if first_page:
            # The popular-queries report counts searches, not the pages of their results.
            record_search(recorded)
            promotions = promotions_for(recorded, public, site, request)
        pages = public
        if selected_type:
            pages = pages.type(*types[selected_type][1])
        if selected_municipality:
            pages = pages.filter(path__startswith=selected_municipality.path)
        paginator = Paginator(pages.search(expand_query(query)), RESULTS_PER_PAGE)
        try:
            try:
                results_page = paginator.page(request.GET.get("side", 1))
            except PageNotAnInteger:
                results_page = paginator.page(1)
            except EmptyPage:
                results_page = paginator.page(max(paginator.num_pages, 1))
            page_results = list(results_page.object_list)
        except search_errors():
            # A query the search engine cannot parse is a user's typo, not a server error.
            logger.warning("Search query failed: %r", query, exc_info=True)
            results_page, page_results, search_failed = None, [], True
        terms = query_terms(query)
        crumbs = breadcrumbs_for(page_results, site, request)
        snippets = snippet_texts(page_results)
        results = [
            {
                "page": page,
                "url": page_url(page, site, request),
                "type_label": type_label(page.specific_class),
                "snippet": highlight(snippets.get(page.pk, ""), terms),
                "breadcrumbs": crumbs.get(page.pk, []),
            }
            for page in page_results
        ]
        found = results_page.paginator.count if results_page is not None else 0
        # The paginator has counted already: a search with enough results costs nothing more.
        if not search_failed and found < FEW_RESULTS:
            suggested_spelling = spelling_suggestion(query, pages, found, filter_params)
    query_params = {"q": query, **filter_params}
    response = TemplateResponse(
        request,
        "search/search.html",
        {
            "search_query": query,
            "results_page": results_page,
            "results": results,
            "promotions": promotions,
            "suggested_spelling": suggested_spelling,
            # The header leaves its search field out: the page's own form is the search box.
            "is_search_page": True,
            "search_failed": search_failed,
            "type_options": [(slug, label) for slug, (label, _) in types.items()],
            "selected_type": selected_type,
            "municipalities": municipalities,
            "selected_municipality": selected_municipality,
            "has_filters": bool(filter_params),
            "query_string": urlencode(query_params),
            "query_without_filters": urlencode({"q": query}),
            # Shown only when a search finds nothing (public() reads the restrictions at once).
            "main_sections": main_sections() if query and not results else [],
        },
    )
    # Result pages are not content: keep them out of search engines.
    response["X-Robots-Tag"] = "noindex"
    return response


def suggest(request):
    """As-you-type suggestions (title and URL), for the small script on the search form."""
    query = clean_query(request.GET.get("q"))
    suggestions = []
    if len(query) >= 2:
        try:
            # The restrictions and the site from the cache, as for the search itself: this
            # endpoint is asked on every keystroke.
            pages = public_pages().autocomplete(query)[:SUGGESTIONS]
            site = request_site(request)
            suggestions = [
                {"title": page.title, "url": page_url(page, site, request)} for page in pages
            ]
        except search_errors():
            logger.warning("Autocomplete failed: %r", query, exc_info=True)
    response = JsonResponse({"query": query, "suggestions": suggestions})
    response["X-Robots-Tag"] = "noindex"
    return response
