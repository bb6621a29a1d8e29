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


class RankedMatchesMixin:
    def ranked_matches(self, config):
        """(object_id, score) of the matching objects of the queryset, best first, as a
        queryset of the FTS table; None when modelsearch's own path must answer (MATCH ALL,
        NOT, unordered results, non-integer keys)."""
        query = normalize(self.query)
        if isinstance(query, (MatchAll, Not)) or not self.order_by_relevance:
            return None
        if not isinstance(self.queryset.model._meta.pk, IntegerField):
            return None
        match = MatchExpression(
            self.fields or self.FTS_TABLE_FIELDS, self.build_search_query(query, config)
        )
        # modelsearch's own score expression (bm25, times the title norm) over the FTS table.
        score = self._build_rank_expression(self.get_search_vectors(), config)
        candidates = self.queryset.order_by().annotate(_search_object_id=Cast("pk", CharField()))
        return (
            SQLiteFTSIndexEntry.objects.filter(match)
            .filter(
                index_entry__content_type__in=get_descendants_content_types_pks(
                    self.queryset.model
                ),
                index_entry__object_id__in=candidates.values("_search_object_id"),
            )
            .annotate(score=score)
            # bm25() is lower for better matches; ties as modelsearch: the newest first.
            .order_by("score", Cast("index_entry__object_id", IntegerField()).desc())
            .values_list("index_entry__object_id", "score")
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
        scores = {int(object_id): score for object_id, score in matches[self.start : self.stop]}
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
