"""Wagtail's database search backend, with a text search configuration per language.

On PostgreSQL, Wagtail's database backend stems words with one text search
configuration, its ``SEARCH_CONFIG`` (else the database's
``default_text_search_config``), for every page: Finnish pages indexed with the
English rules are found only by the exact forms of their words. Wagtail has no
setting for a configuration per language, and two database backends, one of them
``"finnish"``, cannot share the work: they write the same index table, a row per
object, so the last one to index a page wins (wagtail/wagtail#9253).

This backend is Wagtail's own, with one more parameter, ``SEARCH_CONFIGS``: a
configuration per content language, chosen for each object by its locale::

    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "intranet.search_backend",
            "SEARCH_CONFIG": "english",
            "SEARCH_CONFIGS": {"en": "english", "fi": "finnish"},
        },
    }

A Finnish page is indexed with ``finnish`` ("ohjeita" and "ohjeet" both come to
"ohj"), an English one with ``english``, and what has no locale (images,
documents) with ``SEARCH_CONFIG``. A query is read in each of the configurations
and matches a page that holds it in any of them, so a reader finds a Finnish page
by Finnish words and an English one by English words in one search, ranked
together. Autocomplete keeps Wagtail's ``simple`` configuration, which does not
stem. Run ``manage.py update_index`` after changing the configurations.

On SQLite this is Wagtail's backend, ranking in the index
(``intranet.search_sqlite``); SQLite's full-text search does not stem, and finds
Finnish words as written. Elsewhere (MySQL) it is Wagtail's database backend
unchanged.

On both, the results have one method more than Wagtail's, ``matches()``: the
primary key and content type of every object found, best first, in one statement
that reads the index once, so that a search page can count by kind, count in all
and take one page of results from what one pass found.
"""

import copy

from django.db import connection
from django.db.models import F, IntegerField, Q
from django.db.models.functions import Cast
from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend
from modelsearch.backends.database.fallback import (
    DatabaseSearchBackend as FallbackBackend,
)
from modelsearch.backends.database.postgres.postgres import (
    IndexEntry,
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
    PostgresSearchResults,
)
from modelsearch.query import Phrase, PlainText
from modelsearch.utils import get_descendants_content_types_pks


class MultilingualPostgresIndex(PostgresIndex):
    def add_items(self, model, objs):
        """Index each object with its language's configuration, a batch per
        configuration."""
        batches = {}
        for obj in objs:
            config = self.backend.config_for(obj)
            batches.setdefault(config, []).append(obj)
        for config, batch in batches.items():
            PostgresIndex(self.backend.with_config(config)).add_items(model, batch)


class MultilingualPostgresSearchQueryCompiler(PostgresSearchQueryCompiler):
    def get_config(self, backend):
        return backend.query_configs

    def build_tsquery(self, query, config=None):
        """The query read in each configuration, any of them matching."""
        if not isinstance(config, tuple):
            return super().build_tsquery(query, config=config)
        combined = None
        for each in config:
            tsquery = super().build_tsquery(query, config=each)
            if tsquery is None:
                continue
            combined = tsquery if combined is None else combined | tsquery
        return combined


class RankedPostgresSearchResults(PostgresSearchResults):
    def matches(self):
        """The primary key and content type of every object found (of models with
        integer keys, as pages), best first, in one statement over the index
        entries: Wagtail's match and rank, read from the entries rather than
        joined to each object. None for what Wagtail's own results answer (other
        queries than words or a phrase, or searches of chosen fields)."""
        compiler = self.query_compiler
        query = compiler.query
        if not isinstance(query, (PlainText, Phrase)) or compiler.fields is not None:
            return None
        config = compiler.get_config(self.backend)
        search_query = compiler.build_tsquery(query, config=config)
        vectors = [(F("title"), F("title_norm")), (F("body"), 1.0)]
        rank = compiler._build_rank_expression(vectors, config)
        model = compiler.queryset.model
        pks = compiler.queryset.annotate(
            text_pk=Cast("pk", IndexEntry._meta.get_field("object_id"))
        ).values("text_pk")
        # Words or a phrase that one field matches, both fields together match:
        # asking each field first spares most entries the joining of the two.
        matched = (
            Q(title=search_query) | Q(body=search_query) | Q(_vector_=search_query)
        )
        return (
            IndexEntry.objects.annotate(
                _vector_=F("title")._combine(F("body"), "||", False)
            )
            .filter(
                matched,
                content_type__in=get_descendants_content_types_pks(model),
                object_id__in=pks,
            )
            .order_by(rank.desc(), Cast("object_id", IntegerField()).desc())
            .values_list(Cast("object_id", IntegerField()), "content_type_id")
        )


class MultilingualPostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = MultilingualPostgresSearchQueryCompiler
    index_class = MultilingualPostgresIndex
    results_class = RankedPostgresSearchResults

    def __init__(self, params):
        super().__init__(params)
        self.configs = dict(params.get("SEARCH_CONFIGS") or {})
        configs = [self.config, *self.configs.values()]
        distinct = tuple(dict.fromkeys(configs))
        # One configuration searches exactly as Wagtail's backend does.
        self.query_configs = distinct if len(distinct) > 1 else distinct[0]

    def with_config(self, config):
        """This backend, indexing with ``config``."""
        backend = copy.copy(self)
        backend.config = config
        return backend

    def config_for(self, obj):
        """The configuration for ``obj``'s language: its locale's, else the
        backend's ``SEARCH_CONFIG``."""
        locale_id = getattr(obj, "locale_id", None)
        if locale_id is None or not self.configs:
            return self.config
        code = self.language_codes().get(locale_id, "")
        return self.configs.get(code, self.configs.get(code.split("-")[0], self.config))

    def language_codes(self) -> dict[int, str]:
        """Each locale's language code, read once per backend: locales are few."""
        if not hasattr(self, "_language_codes"):
            from wagtail.models import Locale

            self._language_codes = dict(
                Locale.objects.values_list("pk", "language_code")
            )
        return self._language_codes


def SearchBackend(params):  # noqa: N802 (the name Wagtail looks for in a module)
    """The multilingual backend on PostgreSQL, the ranking one on SQLite with FTS5,
    Wagtail's database backend elsewhere."""
    if connection.vendor == "postgresql":
        return MultilingualPostgresSearchBackend(params)
    backend = DatabaseSearchBackend(params)
    if connection.vendor == "sqlite" and not isinstance(backend, FallbackBackend):
        from intranet.search_sqlite import RankedSQLiteSearchBackend

        return RankedSQLiteSearchBackend(params)
    return backend
