"""The admin's plan views: the upload of next year's plan (file, then a preview of what was
read, then the draft), and the reviewers' comparison of a draft with the plan in force.

The upload is two requests. The first reads the file and shows what was read; nothing is
saved. Its text travels to the second in a signed form field (django.core.signing: it cannot
be altered on the way), which reads it again and creates or updates the draft.
"""

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from plans.comparison import compare_plans
from plans.importing import import_plan
from plans.models import PlanIndexPage, PlanPage, plan_in_force
from plans.plan_files import ACCEPTED, extract_text, kind_of
from plans.plan_text import PlanSourceError, parse_plan

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
SIGNING_SALT = "plans.upload"
PREVIEW_MAX_AGE = 60 * 60  # seconds an editor has between the preview and the confirmation


def plan_index():
    return PlanIndexPage.objects.order_by("path").first()


def user_can_import(user):
    """Whoever may add pages under the plan index (Kredsrådets sekretariat, administrators)."""
    index = plan_index()
    return index is not None and index.permissions_for_user(user).can_add_subpage()


def user_can_review(page, user):
    """Whoever may edit the plan, or has a task of its approval workflow to do."""
    if page.permissions_for_user(user).can_edit():
        return True
    task = page.current_workflow_task
    return task is not None and task.specific.user_can_access_editor(page, user)


class PlanUploadForm(forms.Form):
    file = forms.FileField(
        label="Planens fil",
        help_text=f"PDF, Word-dokument eller tekstfil ({ACCEPTED}), højst 20 MB.",
    )
    year = forms.IntegerField(
        label="År",
        required=False,
        min_value=2000,
        max_value=2100,
        help_text="Kun hvis planens forside ikke nævner året, eller nævner et andet.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("Filen er større end 20 MB.")
        try:
            kind_of(upload.name)
        except PlanSourceError as error:
            raise forms.ValidationError(str(error)) from error
        return upload


def _existing_page(year):
    return PlanPage.objects.filter(year=year).first()


def upload(request):
    if not user_can_import(request.user):
        raise PermissionDenied
    if request.method == "POST" and "token" in request.POST:
        return _confirm(request)
    form = PlanUploadForm(request.POST or None, request.FILES or None)
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        year = form.cleaned_data["year"]
        try:
            text, wrapped_lines = extract_text(upload_file.read(), upload_file.name)
            plan = parse_plan(text, wrapped_lines=wrapped_lines, year=year)
        except PlanSourceError as error:
            form.add_error("file", f"Planen kan ikke læses, intet er oprettet: {error}")
        else:
            existing = _existing_page(plan.year)
            if existing is not None and not existing.permissions_for_user(request.user).can_edit():
                form.add_error(
                    "file", f"Du har ikke adgang til at ændre {existing.title}; intet er oprettet."
                )
            else:
                context.update(
                    plan=plan,
                    existing=existing,
                    filename=upload_file.name,
                    token=signing.dumps(
                        {"text": text, "wrapped": wrapped_lines, "year": year},
                        salt=SIGNING_SALT,
                        compress=True,
                    ),
                )
                return TemplateResponse(request, "plans/admin/plan_import_preview.html", context)
    return TemplateResponse(request, "plans/admin/plan_import.html", context)


def _confirm(request):
    try:
        data = signing.loads(request.POST["token"], salt=SIGNING_SALT, max_age=PREVIEW_MAX_AGE)
        plan = parse_plan(data["text"], wrapped_lines=data["wrapped"], year=data["year"])
    except signing.BadSignature:
        messages.error(request, "Forhåndsvisningen er udløbet eller ugyldig. Upload filen igen.")
        return redirect("plans_import")
    except PlanSourceError as error:
        messages.error(request, f"Planen kan ikke læses, intet er oprettet: {error}")
        return redirect("plans_import")
    existing = _existing_page(plan.year)
    if existing is not None and not existing.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    result = import_plan(plan, user=request.user)
    page = result.page
    if request.POST.get("submit_for_approval") and result.changed:
        workflow = page.get_workflow()
        if workflow is not None and not page.workflow_in_progress:
            workflow.start(page, request.user)
            messages.success(request, f"{result.message} Den er sendt til {workflow.name}.")
        else:
            messages.success(request, result.message)
    else:
        messages.success(request, result.message)
    return redirect("wagtailadmin_pages:edit", page.pk)


def compare(request, page_id):
    """The latest revision of a plan against the plan in force, for its reviewers."""
    page = get_object_or_404(PlanPage, pk=page_id)
    if not user_can_review(page, request.user):
        raise PermissionDenied
    draft = page.get_latest_revision_as_object()
    in_force = plan_in_force(PlanPage.objects.live().defer_streamfields())
    if in_force is not None and in_force.pk == page.pk:
        base = page if page.live else None  # the plan in force itself: its live text
    else:
        base = PlanPage.objects.get(pk=in_force.pk) if in_force is not None else None
    comparison = compare_plans(base, draft) if base is not None else None
    return TemplateResponse(
        request,
        "plans/admin/plan_compare.html",
        {
            "page": page,
            "draft": draft,
            "base": base,
            "comparison": comparison,
            "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
        },
    )
