"""The benchmark's page tree, built with the project's own code and models (never from tests/).

build_site() runs `manage.py setup_site`, which builds the whole site from the plan's text, and
finds one page of every public type in it. add_children() then grows every listing to a given
number of extra children, created with treebeard's add_child as live pages:

- plan index: older plans (years before the real one);
- advice index: advice pages on burglary (so /soeg/?q=indbrud finds them), each also chosen
  as a related page of the focus area;
- focus-area index: local focus areas;
- news index: news pages relating to the focus area (its "related news");
- municipality index: municipalities;
- the first municipality: Lokalråd+ conferences, alternately past and upcoming;
- the standard page /om/: sub-pages.

setup_site makes neither news nor conferences, so the first extra child of those listings is
the news page and the conference page that are measured.
"""

import datetime
import io
import json
from dataclasses import dataclass

from django.core.management import call_command
from django.utils import timezone

from focus.models import (
    AdviceIndexPage,
    AdvicePage,
    FocusAreaIndexPage,
    FocusAreaPage,
    FocusAreaRelatedPage,
)
from home.models import HomePage, StandardPage
from municipalities.models import ConferencePage, MunicipalityIndexPage, MunicipalityPage
from news.models import NewsIndexPage, NewsPage, NewsPageRelatedPage
from plans.models import PlanIndexPage, PlanPage
from project_requests.models import ProjectRequestPage

SLUG_PREFIX = "bench-"
BODY = json.dumps(
    [
        {
            "type": "paragraph",
            "value": "<p>Lås døren, når du går, og tal med naboerne om indbrud. "
            "Se <a href='/'>forsiden</a>.</p>",
        }
    ]
)


@dataclass
class Tree:
    home: HomePage
    plan_index: PlanIndexPage
    plan: PlanPage
    focus_index: FocusAreaIndexPage
    focus_area: FocusAreaPage
    advice_index: AdviceIndexPage
    advice: AdvicePage
    project_request: ProjectRequestPage
    municipality_index: MunicipalityIndexPage
    municipality: MunicipalityPage
    news_index: NewsIndexPage
    standard: StandardPage
    children: int = 0

    @property
    def news(self):
        return NewsPage.objects.child_of(self.news_index).get(slug=f"{SLUG_PREFIX}nyhed-0")

    @property
    def conference(self):
        return ConferencePage.objects.child_of(self.municipality).get(
            slug=f"{SLUG_PREFIX}konference-0"
        )

    def public_urls(self):
        """The measured URL of every public page type, in the order of the report."""
        return {
            "home": self.home.url,
            "plan_index": self.plan_index.url,
            "plan": self.plan.url,
            "focus_index": self.focus_index.url,
            "focus_area": self.focus_area.url,
            "advice_index": self.advice_index.url,
            "advice": self.advice.url,
            "project_request": self.project_request.url,
            "municipality_index": self.municipality_index.url,
            "municipality": self.municipality.url,
            "conference": self.conference.url,
            "news_index": self.news_index.url,
            "news": self.news.url,
            "standard": self.standard.url,
            "search": "/soeg/?q=indbrud",
        }


def build_site():
    """The site of `manage.py setup_site` (it ends with update_index), and its measured pages."""
    call_command("setup_site", stdout=io.StringIO())
    home = HomePage.objects.get()
    focus_index = FocusAreaIndexPage.objects.get()
    municipality_index = MunicipalityIndexPage.objects.get()
    return Tree(
        home=home,
        plan_index=PlanIndexPage.objects.get(),
        plan=PlanPage.objects.order_by("-year").first(),
        focus_index=focus_index,
        focus_area=FocusAreaPage.objects.child_of(focus_index).order_by("path").first(),
        advice_index=AdviceIndexPage.objects.get(),
        advice=AdvicePage.objects.order_by("path").first(),
        project_request=ProjectRequestPage.objects.get(),
        municipality_index=municipality_index,
        municipality=MunicipalityPage.objects.child_of(municipality_index).order_by("path").first(),
        news_index=NewsIndexPage.objects.get(),
        standard=StandardPage.objects.child_of(home).get(slug="om"),
    )


def add_children(tree, total):
    """Grow every listing from tree.children to `total` extra children."""
    now = timezone.now()
    stamps = {"first_published_at": now, "last_published_at": now}
    new_advice = []
    for i in range(tree.children, total):
        tree.plan_index.add_child(
            instance=PlanPage(
                title=f"Samarbejdsplan {1700 + i}",
                slug=f"{SLUG_PREFIX}plan-{1700 + i}",
                year=1700 + i,
                body=BODY,
                **stamps,
            )
        )
        advice = AdvicePage(
            title=f"Råd om indbrud {i}",
            slug=f"{SLUG_PREFIX}raad-{i}",
            topic=AdvicePage.Topic.BURGLARY,
            summary="Sådan sikrer du dit hjem mod indbrud.",
            body=BODY,
            **stamps,
        )
        tree.advice_index.add_child(instance=advice)
        new_advice.append(advice)
        tree.focus_index.add_child(
            instance=FocusAreaPage(
                title=f"Fokusområde {i}",
                slug=f"{SLUG_PREFIX}fokus-{i}",
                scope=FocusAreaPage.Scope.LOCAL,
                period="2017",
                body=BODY,
                **stamps,
            )
        )
        tree.news_index.add_child(
            instance=NewsPage(
                title=f"Nyhed {i}",
                slug=f"{SLUG_PREFIX}nyhed-{i}",
                date=(now - datetime.timedelta(days=i)).date(),
                body=BODY,
                related_pages=[NewsPageRelatedPage(page=tree.focus_area)],
                **stamps,
            )
        )
        tree.municipality_index.add_child(
            instance=MunicipalityPage(
                title=f"Kommune {i}",
                slug=f"{SLUG_PREFIX}kommune-{i}",
                name=f"Benchmark-kommune {i}",
                **stamps,
            )
        )
        days = (i // 2 + 1) * (1 if i % 2 == 0 else -1)
        tree.municipality.add_child(
            instance=ConferencePage(
                title=f"Lokalråd+ konference {i}",
                slug=f"{SLUG_PREFIX}konference-{i}",
                start=now + datetime.timedelta(days=days),
                venue="Rådhuset",
                theme="Tryghed",
                body=BODY,
                **stamps,
            )
        )
        tree.standard.add_child(
            instance=StandardPage(
                title=f"Underside {i}", slug=f"{SLUG_PREFIX}underside-{i}", body=BODY, **stamps
            )
        )
    focus_area = FocusAreaPage.objects.get(pk=tree.focus_area.pk)
    for advice in new_advice:
        focus_area.related_pages.add(FocusAreaRelatedPage(page=advice))
    focus_area.save()
    tree.focus_area = focus_area
    tree.children = total
    return tree
