from django.apps import AppConfig


class FocusConfig(AppConfig):
    name = "focus"
    verbose_name = "Fokusområder og forebyggelse"

    def ready(self):
        # A plan's import creates its year's local focus areas as drafts.
        from focus.signal_handlers import register_signal_handlers

        register_signal_handlers()
