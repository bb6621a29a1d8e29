from django.apps import AppConfig


class SitebuilderConfig(AppConfig):
    name = "sitebuilder"
    verbose_name = "Opbygning af sitet"
