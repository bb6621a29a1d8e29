from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Forside og fælles indhold"

    def ready(self):
        # The frontend cache: purge the pages that list a page when it changes.
        from home import layout, signal_handlers

        signal_handlers.register_signal_handlers()
        # The fragment cache of the menu, breadcrumbs, header and footer: renewed on publish.
        layout.register_signal_handlers()
