from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Forside og fælles indhold"

    def ready(self):
        # The frontend cache: purge the pages that list a page when it changes.
        from home.signal_handlers import register_signal_handlers

        register_signal_handlers()
