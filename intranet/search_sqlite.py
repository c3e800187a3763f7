"""Wagtail's SQLite full-text backend, ranking in the index.

Wagtail's SQLite backend orders results by a score it reads in a subquery for each
page that might match, and that subquery runs the whole full-text match again: a
search over 10,000 posts took half a minute. Here the match runs once, inside
FTS5, and FTS5's own ``bm25()`` (Wagtail's score, with its title weighting) ranks
the entries it found, in the same statement. Only SQLite can import this module:
it reads Wagtail's FTS5 table.
"""

from django.db.models import CharField, IntegerField
from django.db.models.functions import Cast
from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
from modelsearch.backends.database.sqlite.sqlite import (
    SQLiteFTSIndexEntry,
    SQLiteSearchBackend,
    SQLiteSearchResults,
)
from modelsearch.query import And, Or, Phrase, PlainText
from modelsearch.utils import get_descendants_content_types_pks


def text_pks(queryset):
    """The primary keys of ``queryset`` as the index stores them, as text."""
    return queryset.annotate(text_pk=Cast("pk", CharField())).values("text_pk")


class RankedSQLiteSearchResults(SQLiteSearchResults):
    def matches(self):
        """The primary key and content type of every object found, best first, in
        one statement driven by the index; None for a query FTS5 cannot rank
        (everything, or a negation)."""
        compiler = self.query_compiler
        query = normalize(compiler.query)
        if not isinstance(query, (PlainText, Phrase, And, Or)):
            return None
        config = compiler.get_config(self.backend)
        match = MatchExpression(
            compiler.fields or compiler.FTS_TABLE_FIELDS,
            compiler.build_search_query(query, config=config),
        )
        score = compiler._build_rank_expression(compiler.get_search_vectors(), config)
        model = compiler.queryset.model
        return (
            SQLiteFTSIndexEntry.objects.filter(match)
            .filter(
                index_entry__content_type__in=get_descendants_content_types_pks(model),
                index_entry__object_id__in=text_pks(compiler.queryset),
            )
            .annotate(score=score)
            .order_by("score", Cast("index_entry__object_id", IntegerField()).desc())
            .values_list(
                Cast("index_entry__object_id", IntegerField()),
                "index_entry__content_type_id",
            )
        )


class RankedSQLiteSearchBackend(SQLiteSearchBackend):
    results_class = RankedSQLiteSearchResults
