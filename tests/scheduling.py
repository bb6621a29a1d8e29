"""Scheduled publishing as cron runs it, at a chosen moment."""

import io

from django.core.management import call_command
from django.utils import timezone


def publish_scheduled_at(monkeypatch, moment=None):
    """Run `publish_scheduled` now, or as if the clock said `moment` (the clock is put back
    after, with the test's other monkeypatches)."""
    if moment is None:
        call_command("publish_scheduled", stdout=io.StringIO())
        return
    monkeypatch.setattr(timezone, "now", lambda: moment)
    try:
        call_command("publish_scheduled", stdout=io.StringIO())
    finally:
        monkeypatch.undo()
