"""A frontend cache backend that records what Wagtail asks it to purge, for the purge tests.

Configured through the `purged` fixture (tests/conftest.py):
WAGTAILFRONTENDCACHE = {"rec": {"BACKEND": "tests.frontend_cache.RecordingBackend"}}. Wagtail
builds its backends anew for every purge, so the record is kept on the class.
"""

from wagtail.contrib.frontend_cache.backends.base import BaseBackend


class RecordingBackend(BaseBackend):
    purged = []  # every URL asked for, in order, repeats included

    def purge(self, url):
        self.purged.append(url)

    def purge_batch(self, urls):
        self.purged.extend(urls)
