"""SQLite FTS5: modelsearch's backend, ranking every match in one pass (see __init__.py)."""

from django.db.models import CharField, IntegerField
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


class RankedMatchesMixin:
    def ranked_matches(self, config):
        """(object_id, score, pk) of the matching objects of the queryset, best first, as a
        queryset of the FTS table; None when modelsearch's own path must answer (MATCH ALL,
        NOT, unordered results, non-integer keys).

        A query expanded with compounds (search/stemming.py, PrefixTerm) is answered in two
        parts. The pages with a query word itself or an inflection are scored by MATCH of the
        query without the compounds, so among themselves they keep exactly modelsearch's
        order and scores. The pages found only through a compound follow from a second MATCH
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
        # modelsearch's own score expression (bm25, times the title norm) over the FTS table;
        # it depends only on the shape of the query's AND, which stripping the compounds keeps.
        score = self._build_rank_expression(self.get_search_vectors(), config)
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
    pass


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
