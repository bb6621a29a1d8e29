"""A publish that crosses the autosave of a new page.

On a new page Wagtail's autosave creates the page in the background ("Gemmer…") and only then
points the editor's form at the new page's edit view. A click on "Udgiv" while that autosave
runs posts the full form to the create view again; the slug is then taken by the page the
autosave has just created, and the create view answers with the form (its error sits on the
slug in the "Søgning og menuer" tab) while the autosaved page stays an unpublished draft. The
race is Wagtail's (its editor JS lets a submit through while the autosave request is in
flight). The project answers the crossing publish in Danish and takes the editor to the draft,
where the next "Udgiv" publishes it.
"""

import datetime

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

# How recent an unpublished page of the same editor, under the same parent and slug, must be
# to count as the autosave of this very form.
AUTOSAVE_WINDOW = datetime.timedelta(minutes=10)

CROSSED_AUTOSAVE_MESSAGE = (
    'Siden blev gemt automatisk som kladde, mens du klikkede på "{action}", og er derfor ikke '
    '{done} endnu. Du er nu i kladden: kontrollér indholdet, og klik på "{action}" igen.'
)


def autosaved_sibling(request, parent_page):
    """The page an autosave of this form has just created, if the POST crossed it."""
    slug = request.POST.get("slug", "").strip()
    if not slug:
        return None
    return (
        Page.objects.child_of(parent_page)
        .filter(
            slug=slug,
            owner=request.user,
            first_published_at__isnull=True,
            latest_revision_created_at__gte=timezone.now() - AUTOSAVE_WINDOW,
        )
        .first()
    )


def answer_publish_crossing_autosave(request, parent_page, page_class):
    """before_create_page: a publish or submit (not the autosave itself, which asks for JSON)
    whose page the autosave has already created is sent to that page's editor with a message."""
    if request.method != "POST" or not request.accepts("text/html"):
        return None
    if request.POST.get("action-publish"):
        action, done = "Udgiv", "udgivet"
    elif request.POST.get("action-submit"):
        action, done = "Send til godkendelse", "sendt til godkendelse"
    else:
        return None
    page = autosaved_sibling(request, parent_page)
    if page is None:
        return None
    messages.warning(request, CROSSED_AUTOSAVE_MESSAGE.format(action=action, done=done))
    return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
