"""The public site search (/soeg/): live, public pages through the models' search_fields."""

import logging
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import DatabaseError
from django.db.models import Q
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.text import slugify
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Page, get_page_models

from municipalities.models import MunicipalityPage
from search import spelling
from search.stemming import expand_query
from search.text import highlight, page_text, query_terms

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


def municipality_choices():
    return list(MunicipalityPage.objects.live().public().order_by("title").only("title", "slug"))


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


def breadcrumbs_for(pages, request):
    """{page.pk: [ancestor, …]} for all results with one query (paths, not per-page lookups)."""
    paths = set()
    for page in pages:
        # Depth 1 is Wagtail's invisible root; the home page (depth 2) is "Forside".
        for depth in range(2, page.depth):
            paths.add(page.path[: depth * Page.steplen])
    ancestors = {
        ancestor.path: ancestor
        for ancestor in Page.objects.filter(path__in=paths).only(
            "path", "depth", "title", "url_path"
        )
    }
    crumbs = {}
    for page in pages:
        trail = []
        for depth in range(2, page.depth):
            ancestor = ancestors.get(page.path[: depth * Page.steplen])
            if ancestor is not None:
                title = "Forside" if ancestor.depth == 2 else ancestor.title
                trail.append({"title": title, "url": ancestor.get_url(request)})
        crumbs[page.pk] = trail
    return crumbs


def promotions_for(query, request, public_pages):
    """Editors' promoted results for the query (wagtail.contrib.search_promotions), in their
    order; a promoted page only while it is live and public, like every result."""
    promotions = (
        query.editors_picks.filter(Q(page__isnull=True) | Q(page__in=public_pages.values("pk")))
        .select_related("page")
        .order_by("sort_order")
    )
    return [
        {
            "title": promotion.title,
            "url": promotion.page.get_url(request) if promotion.page_id else promotion.link,
            "description": promotion.description,
        }
        for promotion in promotions
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
        # Wagtail's own public(): the search backends translate only field lookups into their
        # filters, not the subquery of site_pages(). It reads the restrictions once, here.
        public_pages = Page.objects.live().public()
        recorded = Query.get(query)
        first_page = request.GET.get("side", "1") in {"", "1"}
        if first_page:
            # The popular-queries report counts searches, not the pages of their results.
            recorded.add_hit()
            promotions = promotions_for(recorded, request, public_pages)
        pages = public_pages
        if selected_type:
            pages = pages.type(*types[selected_type][1])
        if selected_municipality:
            pages = pages.descendant_of(selected_municipality, inclusive=True)
        paginator = Paginator(pages.specific().search(expand_query(query)), RESULTS_PER_PAGE)
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
        crumbs = breadcrumbs_for(page_results, request)
        results = [
            {
                "page": page,
                "url": page.get_url(request),
                "type_label": type_label(type(page)),
                "snippet": highlight(page_text(page, terms), terms),
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
            pages = Page.objects.live().public().autocomplete(query)[:SUGGESTIONS]
            suggestions = [{"title": page.title, "url": page.get_url(request)} for page in pages]
        except search_errors():
            logger.warning("Autocomplete failed: %r", query, exc_info=True)
    response = JsonResponse({"query": query, "suggestions": suggestions})
    response["X-Robots-Tag"] = "noindex"
    return response
