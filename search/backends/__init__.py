"""The site's search backend: Wagtail's database backend (modelsearch), with two cheaper queries.

Configured as WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "search.backends" on SQLite and
PostgreSQL; the same factory as wagtail.search.backends.database picks the class by database.
The pages found are those of modelsearch's backends, plus the compounds of the query's words
(tests/search/test_search_backends.py compares them); the SQL that finds them differs:

* SQLite: modelsearch orders by a correlated subquery that runs the FTS5 MATCH and bm25() again
  for every matching page, so a search costs matches x index size (17 s for a common word at
  10,000 pages). Here the MATCH runs once: one statement computes the same score for every
  match, restricted to the pages of the queryset, and returns the requested slice in order;
  the pages are then read by primary key. The score is the one modelsearch means to compute
  (title weighted above the body; sqlite.py says why its own expression is not used).
* PostgreSQL: modelsearch filters on title || body, which no index of wagtailsearch covers, so
  every search is a sequential scan of the index table. The migration
  search/0001_indexentry_title_body_gin adds a GIN index on exactly that expression; the
  planner uses it for the ranked query and for the paginator's count. Each query word also
  matches the compounds it begins (search/backends/postgres.py), as on SQLite.
"""

from django.db import connection
from wagtail.search.backends import database as wagtail_database


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    """The backend for the default database, as wagtail.search.backends.database chooses it."""
    backend = wagtail_database.SearchBackend(params)
    if connection.vendor == "sqlite":
        # Imported here: modelsearch defines the FTS5 models only when SQLite is in use.
        from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

        from search.backends.sqlite import RankedSQLiteSearchBackend

        if isinstance(backend, SQLiteSearchBackend):
            return RankedSQLiteSearchBackend(params)
    if connection.vendor == "postgresql":
        # Imported here: modelsearch's PostgreSQL backend needs psycopg.
        from search.backends.postgres import CompoundPostgresSearchBackend

        return CompoundPostgresSearchBackend(params)
    return backend
