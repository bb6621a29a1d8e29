"""E-mail each page owner the list of their pages whose review date has come (run daily or
weekly from cron). Pages without an owner with an e-mail address go to Redaktion (DKS)."""

from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date

from editorial.reviews import pages_due_for_review
from editorial.roles import REDAKTION


def danish_date(day):
    return format_date(day, "j. F Y")


def pages_count(count):
    return f"{count} side" if count == 1 else f"{count} sider"


class Command(BaseCommand):
    help = "Send en e-mail til ejerne af sider, der skal gennemgås."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Vis, hvem der ville få en e-mail."
        )

    def handle(self, *args, **options):
        today = timezone.localdate()
        by_recipient = defaultdict(list)
        fallback = list(
            get_user_model()
            .objects.filter(groups__name=REDAKTION, is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
        for page in pages_due_for_review(today):
            owner = page.owner
            if owner is not None and owner.is_active and owner.email:
                by_recipient[owner.email].append(page)
            else:
                for email in fallback:
                    by_recipient[email].append(page)
        sent = 0
        for email, pages in sorted(by_recipient.items()):
            if options["dry_run"]:
                self.stdout.write(f"{email}: {pages_count(len(pages))}")
                continue
            sent += send_mail(
                subject=f"{pages_count(len(pages))} skal gennemgås",
                message=self.message(pages),
                from_email=getattr(
                    settings, "WAGTAILADMIN_NOTIFICATION_FROM_EMAIL", settings.DEFAULT_FROM_EMAIL
                ),
                recipient_list=[email],
            )
        self.stdout.write(
            f"{pages_count(len(set().union(*by_recipient.values())))} til gennemgang, "
            f"{sent} e-mails sendt."
        )

    def message(self, pages):
        base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        lines = [
            "Hej",
            "",
            "Disse sider skal gennemgås, så indholdet stadig er korrekt. Læs siden igennem, ret "
            'det, der er forældet, og sæt "Sidst gennemgået" til dagens dato under '
            "fanen Indstillinger.",
            "",
        ]
        for page in pages:
            reviewed = danish_date(page.last_reviewed) if page.last_reviewed else "aldrig"
            lines.append(
                f"- {page.title} (sidst gennemgået: {reviewed}; skulle gennemgås "
                f"{danish_date(page.next_review_due)})"
            )
            lines.append(f"  {base_url}{reverse('wagtailadmin_pages:edit', args=[page.pk])}")
        lines += ["", f"Oversigten: {base_url}{reverse('editorial_review_due')}"]
        return "\n".join(lines)
