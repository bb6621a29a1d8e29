"""Admin form data for each page type, as the page editor posts it.

Wagtail 8 renders StreamFields in the browser, so the edit view's HTML has no StreamField inputs
to copy: creation (assertCanCreate) and preview (assertPageIsPreviewable) both post this data.
Dates use WAGTAIL_DATE_FORMAT / WAGTAIL_DATETIME_FORMAT (day.month.year), as the admin widgets do.
"""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from home.blocks import RICH_TEXT_FEATURES

INTRO_FEATURES = ["bold", "italic", "link"]


def list_block(values):
    """Form data for a ListBlock: each item with its own order and deleted flag."""
    data = {
        str(index): {"value": value, "order": str(index), "deleted": ""}
        for index, value in enumerate(values)
    }
    data["count"] = str(len(values))
    return data


def related_pages(page_ids=()):
    """Form data for a RelatedPage InlinePanel (news, focus areas): the chosen pages in order."""
    return inline_formset(
        [{"page": str(pk), "ORDER": str(index)} for index, pk in enumerate(page_ids)]
    )


def body_paragraph(html):
    return ("paragraph", rich_text(html, features=RICH_TEXT_FEATURES))


def page_form(title, slug, **fields):
    return nested_form_data({"title": title, "slug": slug, "summary": "", **fields})


def home_form(title="Kredsrådet i Sydøstjyllands Politikreds", slug="forside"):
    return page_form(
        title,
        slug,
        summary="Forsiden.",
        intro=rich_text("<p>Velkommen</p>", features=INTRO_FEATURES),
        sections=streamfield([]),
        body=streamfield(
            [
                ("heading", {"text": "Fokus", "level": "h2"}),
                body_paragraph("<p>Tekst</p>"),
                (
                    "key_facts",
                    {
                        "title": "Kredsrådet",
                        "facts": list_block([{"value": "7", "label": "kommuner"}]),
                    },
                ),
            ]
        ),
    )


def intro_index_form(title, slug):
    """Plan index, news index, advice index and municipality index: a title and an intro."""
    return page_form(title, slug, intro=rich_text("<p>Oversigten.</p>", features=INTRO_FEATURES))


def plan_form(year=2018):
    return page_form(
        f"Samarbejdsplan {year}",
        str(year),
        year=str(year),
        subtitle="Kredsrådet · Sydøstjyllands Politi",
        parties_text="Skanderborg\nHorsens",
        approval_statement=f"Godkendt af Kredsrådet i december {year - 1}.",
        in_force_from=f"01.01.{year}",
        body=streamfield(
            [
                ("part", {"label_text": "DEL I"}),
                ("section", {"number": "1", "title": "Indledning"}),
                body_paragraph("<p>Denne samarbejdsplan.</p>"),
                ("signatories", {"names": list_block(["Jørgen Gaarde", "Kirsten Terkilsen"])}),
            ]
        ),
    )


def standard_form(title, slug, cta_page_id=None, cta_url=""):
    return page_form(
        title,
        slug,
        body=streamfield(
            [
                ("quote", {"quote": "Tryghed", "attribution": "Planen"}),
                (
                    "call_to_action",
                    {
                        "title": "Læs planen",
                        "text": "",
                        "page": str(cta_page_id or ""),
                        "url": cta_url,
                        "link_text": "Læs",
                    },
                ),
            ]
        ),
    )


def news_form(title="Kredsrådet har godkendt planen", slug="planen-er-godkendt"):
    return page_form(
        title,
        slug,
        date="15.12.2016",
        related_pages=related_pages(),
        body=streamfield(
            [
                (
                    "bullet_list",
                    {"items": list_block([{"text": "Punkt", "sub_items": list_block(["Under"])}])},
                )
            ]
        ),
    )


def focus_index_form(title="Fokusområder", slug="fokusomraader"):
    return page_form(title, slug, body=streamfield([body_paragraph("<p>Fokus.</p>")]))


def focus_area_form(title, slug, plan_page_id=None, advice_ids=()):
    data = page_form(
        title,
        slug,
        scope="national",
        period="2017–2020",
        plan_page=str(plan_page_id or ""),
        plan_section="3.1.2",
        body=streamfield([body_paragraph("<p>Indsatsen.</p>")]),
    )
    return {**data, **nested_form_data({"related_pages": related_pages(advice_ids)})}


def advice_form(title, slug, plan_page_id=None):
    return page_form(
        title,
        slug,
        topic="indbrud",
        plan_page=str(plan_page_id or ""),
        plan_section="3.1.2",
        body=streamfield(
            [
                body_paragraph("<p>Lås døre og vinduer.</p>"),
                (
                    "steps",
                    {
                        "title": "Efter et indbrud",
                        "steps": list_block(
                            [
                                {
                                    "title": "Ring 114",
                                    "text": rich_text("", features=RICH_TEXT_FEATURES),
                                }
                            ]
                        ),
                    },
                ),
                ("checklist", {"title": "Før ferien", "items": list_block(["Lås døren"])}),
            ]
        ),
    )


def municipality_form(name, slug):
    return page_form(
        f"{name} Kommune",
        slug,
        name=name,
        police_centre="",
        prevention_contact_email="",
        collaborations=streamfield(
            [
                (
                    "collaboration",
                    {
                        "name": "SSP",
                        "description": rich_text(
                            "<p>Samarbejdet.</p>", features=RICH_TEXT_FEATURES
                        ),
                        "plan_section": "6.2",
                    },
                )
            ]
        ),
        action_plans=inline_formset(
            [
                {
                    "year": "2017",
                    "summary": rich_text("<p>Handlingsplanen.</p>"),
                    "document": "",
                }
            ]
        ),
        body=streamfield([]),
    )


def conference_form(title, slug, start="01.05.2030 09:00", end="01.05.2030 15:00"):
    return page_form(
        title,
        slug,
        theme="Tryghed i nattelivet",
        start=start,
        end=end,
        venue="Rådhuset",
        organiser="Lokalrådet",
        registration_url="",
        registration_deadline="15.04.2030",
        body=streamfield([]),
        programme=streamfield([("item", {"time": "09:00", "title": "Velkomst", "speaker": ""})]),
        documents=streamfield([]),
    )
