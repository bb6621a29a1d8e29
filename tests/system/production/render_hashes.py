"""Print {url: sha256 of the rendered HTML} for every live page, as JSON: run as a script with
DATABASE_URL pointing at the database to render from (the backup test's restored copy)."""

import hashlib
import json
import os
import sys


def render_hashes():
    from django.test import Client
    from wagtail.models import Page

    client = Client()
    result = {}
    for page in Page.objects.live().filter(depth__gt=1).order_by("path"):
        url = page.url
        response = client.get(url)
        result[url] = [response.status_code, hashlib.sha256(response.content).hexdigest()]
    return result


if __name__ == "__main__":
    sys.path.insert(0, os.getcwd())
    import django

    django.setup()
    print(json.dumps(render_hashes()))
