"""PostgreSQL: modelsearch's backend, where a query word also matches the compounds it begins."""

import re

from django.contrib.postgres.search import SearchQuery
from modelsearch.backends.database.postgres.postgres import (
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from modelsearch.backends.database.postgres.query import Lexeme
from modelsearch.query import PlainText

# Shorter stems begin too many unrelated words ("bil" -> bilag); as search/stemming.py on SQLite.
MIN_PREFIX_LENGTH = 4


class CompoundPostgresSearchQueryCompiler(PostgresSearchQueryCompiler):
    """Each word of a plain query becomes ('word' | 'word':*): to_tsquery stems both with the
    danish configuration, and the prefix form matches every indexed stem that begins with the
    word's stem, so "indbrud" finds "Indbrudsprojektet" and "cykel" finds "Cykelkontrol".

    The danish Snowball configuration does not split compounds (hunspell-da's ispell dictionary
    is not installed in the shared server's tsearch_data; docs/search.md). Ranking stays
    modelsearch's ts_rank of the whole query: a page with the word itself matches both operands
    of the OR and a page with only a compound matches one, so compound-only pages score lower
    than pages with the same number of occurrences of the word itself."""

    def build_tsquery_content(self, query, config=None, invert=False):
        if not isinstance(query, PlainText) or invert:
            return super().build_tsquery_content(query, config=config, invert=invert)
        terms = [term for term in re.split(r"[\s\-]+", query.query_string) if term]
        if not terms:
            return None
        lexemes = None
        for position, term in enumerate(terms):
            lexeme = Lexeme(term)
            if len(term) >= MIN_PREFIX_LENGTH:
                lexeme |= Lexeme(term, prefix=True)
            elif position == len(terms) - 1 and self.LAST_TERM_IS_PREFIX:
                lexeme = Lexeme(term, prefix=True)
            if lexemes is None:
                lexemes = lexeme
            elif query.operator == "and":
                lexemes &= lexeme
            else:
                lexemes |= lexeme
        return SearchQuery(lexemes, search_type="raw", config=config)


class CompoundPostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = CompoundPostgresSearchQueryCompiler
