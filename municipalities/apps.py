from django.apps import AppConfig


class MunicipalitiesConfig(AppConfig):
    name = "municipalities"
    verbose_name = "Kommuner"

    def ready(self):
        # The frontend cache: purge the iCalendar feeds with the pages they show.
        from municipalities.signal_handlers import register_signal_handlers

        register_signal_handlers()
