"""PostgreSQL: modelsearch's backend, where a query word also matches the compounds it begins,
found with the GIN indexes of title and body and counted in the same statement that ranks."""

import functools
import re

from django.contrib.postgres.search import SearchQuery
from django.db import connection, connections
from django.db.models import CharField, F, IntegerField, Q
from django.db.models.functions import Cast
from modelsearch.backends.database.postgres.postgres import (
    IndexEntry,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
    PostgresSearchResults,
)
from modelsearch.backends.database.postgres.query import Lexeme
from modelsearch.query import PlainText
from modelsearch.utils import get_descendants_content_types_pks

# Shorter stems begin too many unrelated words ("bil" -> bilag); as search/stemming.py on SQLite.
MIN_PREFIX_LENGTH = 4


@functools.lru_cache(maxsize=4096)
def is_stop_word(config, term):
    """Whether the text search configuration drops the word (an empty tsquery): stop words do
    not change, so each word is asked once per process."""
    with connection.cursor() as cursor:
        if config:
            cursor.execute("SELECT numnode(plainto_tsquery(%s::regconfig, %s))", [config, term])
        else:
            cursor.execute("SELECT numnode(plainto_tsquery(%s))", [term])
        return cursor.fetchone()[0] == 0


def object_pk(model):
    """The index entry's object_id as the model's primary key (ties are broken by "-pk", and
    object_id is text: "9" would sort after "10")."""
    pk = model._meta.pk
    pk = getattr(pk, "target_field", pk)
    if isinstance(pk, IntegerField):
        return Cast("object_id", IntegerField())
    return F("object_id")


def candidate_pks(queryset):
    """The searched queryset's primary keys, as a subquery that object_pk() is compared with.

    An integer key is compared as an integer: the planner then hashes the pages' own ids (6 ms
    at 10,040 pages), where text (object_id IN (SELECT id::varchar …)) needs the subquery's
    values deduplicated first (19 ms)."""
    queryset = queryset.order_by()
    pk = queryset.model._meta.pk
    if isinstance(getattr(pk, "target_field", pk), IntegerField):
        return queryset.values("pk")
    return queryset.annotate(_search_object_id=Cast("pk", CharField())).values("_search_object_id")


def plain_terms(query):
    return [term for term in re.split(r"[\s\-]+", query.query_string) if term]


class CompoundPostgresSearchQueryCompiler(PostgresSearchQueryCompiler):
    """Each word of a plain query becomes ('word' | 'word':*): to_tsquery stems both with the
    danish configuration, and the prefix form matches every indexed stem that begins with the
    word's stem, so "indbrud" finds "Indbrudsprojektet" and "cykel" finds "Cykelkontrol".

    The danish Snowball configuration does not split compounds (hunspell-da's ispell dictionary
    reports a compound's last part, docs/search.md). Ranking stays modelsearch's ts_rank of the
    whole query: a page with the word itself matches both operands of the OR and a page with
    only a compound matches one, so compound-only pages score lower than pages with the same
    number of occurrences of the word itself."""

    def word_lexeme(self, term, last):
        lexeme = Lexeme(term)
        if len(term) >= MIN_PREFIX_LENGTH:
            return lexeme | Lexeme(term, prefix=True)
        if last and self.LAST_TERM_IS_PREFIX:
            return Lexeme(term, prefix=True)
        return lexeme

    def build_tsquery_content(self, query, config=None, invert=False):
        if not isinstance(query, PlainText) or invert:
            return super().build_tsquery_content(query, config=config, invert=invert)
        terms = plain_terms(query)
        if not terms:
            return None
        lexemes = None
        for position, term in enumerate(terms):
            lexeme = self.word_lexeme(term, last=position == len(terms) - 1)
            if lexemes is None:
                lexemes = lexeme
            elif query.operator == "and":
                lexemes &= lexeme
            else:
                lexemes |= lexeme
        return SearchQuery(lexemes, search_type="raw", config=config)

    def index_match(self, search_query, config, lookup_prefix="index_entries__"):
        """The filter "title || body matches the query" in a form the GIN indexes of title and of
        body answer, for a plain query over the index (None otherwise); on the searched model
        (its index_entries relation) or, with lookup_prefix "", on the index entries.

        modelsearch filters on the concatenation (title || body) @@ query, which no index covers
        and which builds a new tsvector per row: every search scans and concatenates the whole
        table (209 ms for "indbrud" at 10,040 pages; the search/0001 expression index is not
        chosen for a word most pages have). For a query that is an AND of words, each an OR of
        lexemes, the concatenation matches exactly when every word is in the title or in the
        body; a word the configuration drops as a stop word ("af") is left out, as to_tsquery
        leaves it out of the whole query."""
        if self.fields is not None or not isinstance(self.query, PlainText):
            return None
        title, body = f"{lookup_prefix}title", f"{lookup_prefix}body"
        terms = plain_terms(self.query)
        if self.query.operator != "and" or len(terms) == 1:
            return Q(**{title: search_query}) | Q(**{body: search_query})
        words = [
            (position, term)
            for position, term in enumerate(terms)
            if not is_stop_word(str(config or ""), term)
        ]
        if not words:
            return None
        match = Q()
        for position, term in words:
            lexeme = self.word_lexeme(term, last=position == len(terms) - 1)
            word = SearchQuery(lexeme, search_type="raw", config=config)
            match &= Q(**{title: word}) | Q(**{body: word})
        return match

    def search(self, config, start, stop, score_field=None, backend=None):
        search_query = self.build_tsquery(self.query, config=config) if self.query else None
        match = self.index_match(search_query, config) if search_query is not None else None
        if match is None:
            return super().search(config, start, stop, score_field=score_field, backend=backend)
        rank_expression = self._build_rank_expression(self.get_search_vectors(search_query), config)
        # One join of the index entries for every condition: one filter() call.
        queryset = self.queryset.filter(match)
        return self._apply_ordering_and_scoring(queryset, rank_expression, start, stop, score_field)

    def ranked_pks(self, config, backend):
        """(pk, score) of every match, best first, in one statement.

        The statement ranks the index entries themselves, and takes from the searched queryset
        only the primary keys it allows. Ranked across the join instead (as search() does),
        PostgreSQL hashes every matching entry with its body tsvector before ranking: 149 ms
        for "indbrud" at 10,040 pages against 59-72 ms this way, with the same scores, as the
        same expressions (title rank x title_norm + body rank) give them."""
        search_query = self.build_tsquery(self.query, config=config) if self.query else None
        match = self.index_match(search_query, config, lookup_prefix="")
        if match is None:
            return list(
                self.search(config, None, None, score_field="_search_rank", backend=backend)
                .order_by(F("_search_rank").desc(), "-pk")
                .values_list("pk", "_search_rank")
            )
        model = self.queryset.model
        rank = self._build_rank_expression(
            [(F("title"), F("title_norm")), (F("body"), 1.0)], config
        )
        entries = (
            IndexEntry.objects.filter(
                match, content_type_id__in=get_descendants_content_types_pks(model)
            )
            .annotate(score=rank, object_pk=object_pk(model))
            .filter(object_pk__in=candidate_pks(self.queryset))
            .order_by(F("score").desc(), F("object_pk").desc())
            .values_list("object_pk", "score")
        )
        # Plain (int, float) rows, read from the cursor: Django's per-row converters cost more
        # than the statement's transfer for a word that most pages contain.
        sql, params = entries.query.sql_with_params()
        with connections[entries.db].cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()


class CompoundPostgresSearchResults(PostgresSearchResults):
    """The paginator asks for the count, then for a slice of a clone of these results (which
    shares the query compiler): the count ranks every match once and keeps the (pk, score)
    list on the compiler, so the page is read by primary key instead of ranking and counting
    in two scans of the index (as on SQLite, search/backends/sqlite.py)."""

    def _ranked(self):
        compiler = self.query_compiler
        if compiler.order_by_relevance and compiler.query is not None:
            return compiler.ranked_pks(compiler.get_config(self.backend), self.backend)
        return None

    def _do_count(self):
        if not isinstance(self.query_compiler, CompoundPostgresSearchQueryCompiler):
            return super()._do_count()
        ranked = self._ranked()
        if ranked is None:
            return super()._do_count()
        self.query_compiler._ranked_pks_cache = ranked
        return len(ranked)

    def _do_search(self):
        ranked = getattr(self.query_compiler, "_ranked_pks_cache", None)
        if ranked is None:
            return super()._do_search()
        page = ranked[self.start : self.stop]
        scores = dict(page)
        objects = {obj.pk: obj for obj in self.query_compiler.queryset.filter(pk__in=list(scores))}
        results = [objects[pk] for pk, _score in page if pk in objects]
        if self._score_field:
            for obj in results:
                setattr(obj, self._score_field, scores[obj.pk])
        return results


class CompoundPostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = CompoundPostgresSearchQueryCompiler
    results_class = CompoundPostgresSearchResults
