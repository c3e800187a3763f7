"""What the guidelines add to the engagement report: the policy acknowledged and
the training passed, by department and location (``intranet.social.engagement``).

Both are states, not events of the period: who has acknowledged the current version
of every live must-read guideline, who has passed the knowledge check of every live
training module that has one. A guideline or module translated into several
languages is one: done in any of them, it is done.
"""

from functools import reduce
from operator import or_

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.db.models.lookups import GreaterThanOrEqual
from django.utils.translation import gettext_lazy as _

from intranet import pages
from intranet.social.engagement import Measure

from .models import Acknowledgement, KnowledgeCheckResult


def _has_all(queryset, needed: int, page: str):
    """True for a person with rows of ``queryset`` for ``needed`` different pages
    or more, a page and its translations counting as one (``page`` names the
    rows' page)."""
    count = (
        queryset.filter(user=OuterRef("pk"))
        .order_by()
        .values("user")
        .annotate(n=Count(f"{page}__translation_key", distinct=True))
        .values("n")
    )
    return GreaterThanOrEqual(
        Coalesce(Subquery(count, output_field=IntegerField()), 0), needed
    )


def acknowledged_condition(period):
    current = dict(
        pages.guideline_model()
        .objects.live()
        .must_read()
        .values_list("translation_key", "version")
    )
    if not current:
        return None
    versions = reduce(
        or_, (Q(page__translation_key=key, version=v) for key, v in current.items())
    )
    return _has_all(Acknowledgement.objects.filter(versions), len(current), "page")


def trained_condition(period):
    modules = {
        module.translation_key
        for module in pages.training_module_model()
        .objects.live()
        .only("questions", "translation_key")
        if len(module.questions)
    }
    if not modules:
        return None
    return _has_all(
        KnowledgeCheckResult.objects.filter(
            module__translation_key__in=modules, passed=True
        ),
        len(modules),
        "module",
    )


def guideline_measures() -> list[Measure]:
    return [
        Measure(
            key="acknowledged",
            label=_("Acknowledged the must-read guidelines"),
            lag_label=_("the policy"),
            condition=acknowledged_condition,
            in_period=False,
        ),
        Measure(
            key="trained",
            label=_("Passed the training"),
            lag_label=_("training"),
            condition=trained_condition,
            in_period=False,
        ),
    ]
