"""Signals of the plans app, for the apps that build on a plan (focus areas)."""

from django.dispatch import Signal

# Sent inside the import's transaction when a plan's draft was created or changed, with
# page (the PlanPage, as its latest revision), plan (the ParsedPlan) and user.
plan_imported = Signal()
