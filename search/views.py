"""The public site search (/soeg/): live, public pages through the models' search_fields."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.template.response import TemplateResponse
from wagtail.models import Page

# Longer queries are cut rather than refused: nobody means 5,000 characters, and the backends
# should never see them.
MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10


def search(request):
    query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]
    if query.count('"') % 2:
        # An unbalanced quote cannot be a phrase; the FTS backends reject it, so drop the quotes.
        query = query.replace('"', " ").strip()
    results_page = None
    if query:
        results = Page.objects.live().public().specific().search(query)
        paginator = Paginator(results, RESULTS_PER_PAGE)
        try:
            results_page = paginator.page(request.GET.get("side", 1))
        except PageNotAnInteger:
            results_page = paginator.page(1)
        except EmptyPage:
            results_page = paginator.page(paginator.num_pages)

    response = TemplateResponse(
        request, "search/search.html", {"search_query": query, "results_page": results_page}
    )
    # Result pages are not content: keep them out of search engines.
    response["X-Robots-Tag"] = "noindex"
    return response
