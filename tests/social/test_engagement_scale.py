"""The engagement report at an organisation's scale, on PostgreSQL: 10,000 staff
and a million records of reading, aggregated by the database."""

import time

import pytest
from django.db import connection

from intranet.models import PageRead
from intranet.social import engagement
from intranet.social.management.commands.intranet_bench_reads import make_reads
from tests.factories import BlogPostPageFactory, UserFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the scale target is set for PostgreSQL",
    ),
]


def test_a_year_for_ten_thousand_staff_and_a_million_reads_under_a_second(
    tree, django_assert_num_queries
):
    author = UserFactory(is_active=False)
    for _ in range(20):
        BlogPostPageFactory(parent=tree.blog, authors=[author])
    people, reads = make_reads(10_000, 1_000_000)
    assert people == 10_000
    assert reads >= 999_000
    assert PageRead.objects.count() == reads
    year = engagement.Period.last_days(365)
    engagement.report(year)  # warm the caches
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        with django_assert_num_queries(7):  # six, and JIT compilation turned off
            report = engagement.report(year)
        timings.append(time.perf_counter() - started)
    assert min(timings) < 1.0, timings
    assert report.overall.people == 10_000
    assert len(report.departments) == 8
    assert 0 < report.overall.counts["read"] <= 10_000
