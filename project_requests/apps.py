from django.apps import AppConfig


class ProjectRequestsConfig(AppConfig):
    name = "project_requests"
    verbose_name = "Trygheds- og Indbrudsprojektet"

    def ready(self):
        # Registers the deploy check that every live municipality's requests reach somebody.
        from project_requests import routing  # noqa: F401
