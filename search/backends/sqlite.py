"""SQLite FTS5: modelsearch's backend, ranking every match in one pass (see __init__.py), with
the title weighted above the body."""

from django.db.models import CharField, F, FloatField, Func, IntegerField
from django.db.models.functions import Cast
from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
from modelsearch.backends.database.sqlite.sqlite import (
    SQLiteAutocompleteQueryCompiler,
    SQLiteFTSIndexEntry,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
    SQLiteSearchResults,
)
from modelsearch.query import MatchAll, Not
from wagtail.search.utils import get_descendants_content_types_pks

from search.stemming import has_prefix_terms, strip_prefix_terms

# How much less a page found only through a compound of a query word counts than one that has
# the word itself or an inflection (see RankedMatchesMixin.ranked_matches).
COMPOUND_WEIGHT = 0.5

# How much more a query word counts in a page's title than in its body (see
# RankedSQLiteSearchQueryCompiler.score_expression). A page named after what was asked for is
# what a citizen means: "indbrud" -> "Trygheds- og Indbrudsprojektet" before the pages that name
# the project in passing. PostgreSQL weights title over body in the same spirit (its "A" and "B"
# weights); the relevance suite gives the same hit rate for 4 and 8, and less for 1 and 2.
TITLE_WEIGHT = 4.0


class ColumnBM25(Func):
    """FTS5's bm25() with a weight per column of modelsearch's table (autocomplete, body,
    title, in the order of its migration); a column weighted 0 does not count."""

    output_field = FloatField()
    COLUMNS = ("autocomplete", "body", "title")

    def __init__(self, **weights):
        self.weights = [float(weights.get(column, 0.0)) for column in self.COLUMNS]
        super().__init__()

    def as_sql(self, compiler, connection, **extra_context):
        weights = ", ".join(repr(weight) for weight in self.weights)
        return f"bm25({SQLiteFTSIndexEntry._meta.db_table}, {weights})", []


class RankedMatchesMixin:
    def ranked_matches(self, config):
        """(object_id, score, pk) of the matching objects of the queryset, best first, as a
        queryset of the FTS table; None when modelsearch's own path must answer (MATCH ALL,
        NOT, unordered results, non-integer keys).

        A query expanded with compounds (search/stemming.py, PrefixTerm) is answered in two
        parts. The pages with a query word itself or an inflection are scored by MATCH of the
        query without the compounds, so among themselves the compounds do not reorder them.
        The pages found only through a compound follow from a second MATCH
        of the whole expansion, their score weighted by COMPOUND_WEIGHT. bm25() cannot weight
        one alternative of a MATCH below another: in one MATCH the rare compound would add to
        the common word's pages ("bander" ranking every page about a "banderåd" first). The
        weight, rather than putting every compound-only page last, lets a page about the
        compound ("Trygheds- og Indbrudsprojektet" for "indbrud") pass pages that mention the
        word once in passing; bm25() is negative, better matches lower.
        """
        query = normalize(self.query)
        if isinstance(query, (MatchAll, Not)) or not self.order_by_relevance:
            return None
        if not isinstance(self.queryset.model._meta.pk, IntegerField):
            return None
        exact = strip_prefix_terms(query) if has_prefix_terms(query) else query
        score = self.score_expression(config)
        matches = self.matches_of_queryset(self.matches(exact, config), score)
        if exact is not query:
            compound_only = self.matches(query, config).exclude(
                index_entry_id__in=self.matches(exact, config).values("index_entry_id")
            )
            matches = matches.union(
                self.matches_of_queryset(compound_only, score * COMPOUND_WEIGHT), all=True
            )
        # Ties as modelsearch: the newest first.
        return matches.order_by("score", "-object_pk")

    def score_expression(self, config):
        """modelsearch's own score (bm25 of the whole row, times the title norm)."""
        return self._build_rank_expression(self.get_search_vectors(), config)

    def matches(self, query, config):
        return SQLiteFTSIndexEntry.objects.filter(
            MatchExpression(
                self.fields or self.FTS_TABLE_FIELDS, self.build_search_query(query, config)
            )
        )

    def matches_of_queryset(self, matches, score):
        candidates = self.queryset.order_by().annotate(_search_object_id=Cast("pk", CharField()))
        return (
            matches.filter(
                index_entry__content_type__in=get_descendants_content_types_pks(
                    self.queryset.model
                ),
                index_entry__object_id__in=candidates.values("_search_object_id"),
            )
            .annotate(score=score, object_pk=Cast("index_entry__object_id", IntegerField()))
            .values_list("index_entry__object_id", "score", "object_pk")
        )


class RankedSQLiteSearchQueryCompiler(RankedMatchesMixin, SQLiteSearchQueryCompiler):
    def score_expression(self, config):
        """The title's bm25 times its length norm and TITLE_WEIGHT, plus the body's bm25: what
        modelsearch means by "title score x title_norm + body score", which its own expression
        does not compute. There bm25() is of the whole row in every term, so the title counts no
        more than the body; and for a query of several words it multiplies (1 + bm25) per word,
        which turns positive for good matches (bm25 is negative, better is lower), so that
        "Horsens kommune" ranks the pages that match both words best last. Each part here is a
        negative bm25, so better matches still sort first, whatever the number of words."""
        title = ColumnBM25(title=1.0) * F("index_entry__title_norm") * TITLE_WEIGHT
        return title + ColumnBM25(body=1.0)


class RankedSQLiteAutocompleteQueryCompiler(RankedMatchesMixin, SQLiteAutocompleteQueryCompiler):
    pass


class RankedSQLiteSearchResults(SQLiteSearchResults):
    """The paginator asks for the count, then for a slice of a clone of these results (which
    shares the query compiler): the count reads every match in order once and keeps the list on
    the compiler, so the slice costs only the read of its pages."""

    def _ranked_matches(self):
        return self.query_compiler.ranked_matches(self.query_compiler.get_config(self.backend))

    def _do_search(self):
        matches = getattr(self.query_compiler, "_ranked_matches_cache", None)
        if matches is None:
            matches = self._ranked_matches()
            if matches is None:
                return super()._do_search()
        page = matches[self.start : self.stop]
        scores = {int(object_id): score for object_id, score, _pk in page}
        objects = {obj.pk: obj for obj in self.query_compiler.queryset.filter(pk__in=list(scores))}
        results = [objects[pk] for pk in scores if pk in objects]
        if self._score_field:
            for obj in results:
                setattr(obj, self._score_field, scores[obj.pk])
        return results

    def _do_count(self):
        matches = self._ranked_matches()
        if matches is None:
            return super()._do_count()
        self.query_compiler._ranked_matches_cache = list(matches)
        return len(self.query_compiler._ranked_matches_cache)


class RankedSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = RankedSQLiteSearchQueryCompiler
    autocomplete_query_compiler_class = RankedSQLiteAutocompleteQueryCompiler
    results_class = RankedSQLiteSearchResults
