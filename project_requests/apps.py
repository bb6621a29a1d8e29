from django.apps import AppConfig


class ProjectRequestsConfig(AppConfig):
    name = "project_requests"
    verbose_name = "Trygheds- og Indbrudsprojektet"
