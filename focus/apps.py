from django.apps import AppConfig


class FocusConfig(AppConfig):
    name = "focus"
    verbose_name = "Fokusområder og forebyggelse"
