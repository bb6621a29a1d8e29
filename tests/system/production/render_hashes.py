"""Print {url: sha256 of the rendered HTML} for every live page, as JSON: run as a script with
DATABASE_URL pointing at the database to render from (the backup test's restored copy)."""

import hashlib
import json
import os
import re
import sys

# The request form's one-time tokens differ on every render; the rest of a page must not.
ONE_TIME_TOKENS = re.compile(rb'(name="(?:submission_token|csrfmiddlewaretoken)" value=")[^"]*')


def render_hashes():
    from django.test import Client
    from wagtail.models import Page

    client = Client()
    result = {}
    for page in Page.objects.live().filter(depth__gt=1).order_by("path"):
        url = page.url
        response = client.get(url)
        content = ONE_TIME_TOKENS.sub(rb"\1", response.content)
        result[url] = [response.status_code, hashlib.sha256(content).hexdigest()]
    return result


if __name__ == "__main__":
    sys.path.insert(0, os.getcwd())
    import django

    django.setup()
    print(json.dumps(render_hashes()))
