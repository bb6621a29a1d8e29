from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = "Samarbejdsplaner"

    def ready(self):
        from plans.signal_handlers import register_signal_handlers

        register_signal_handlers()
