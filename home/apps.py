from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Forside og samarbejdsplan"

    def ready(self):
        # Production (issue 7): publishing, unpublishing or moving a page clears the page cache.
        from home import page_cache_signals, request_memo  # noqa: F401

        request_memo.install()
