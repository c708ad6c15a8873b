"""Time the main pages against whatever database is configured.

Load the data first, e.g. for ten counties on PostgreSQL:

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench
    createdb -h 127.0.0.1 -U postgres bench
    .venv/bin/python manage.py migrate && .venv/bin/python manage.py seed_demo --scale 10
    make bench

Prints, per page and persona, the median and worst time of 20 requests and the number of
SQL queries, which must not grow with the data.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from campaign.org.models import Unit, User  # noqa: E402

RUNS = 20


def pages():
    # County 1 (the plain demo logins) when several counties are loaded.
    town = Unit.objects.filter(name="胜坨镇", depth=2).order_by("path").first()
    return [
        ("home", reverse("home")),
        ("unit list", reverse("org:unit_list")),
        ("unit list, page 5", reverse("org:unit_list") + "?page=5"),
        ("unit search", reverse("org:unit_list") + "?q=村"),
        ("unit tree", reverse("org:unit_tree")),
        ("unit page", reverse("org:unit_detail", args=[town.pk])),
        ("accounts", reverse("org:account_list")),
        ("progress (county)", reverse("phases:progress")),
        ("progress (towns)", reverse("phases:progress_node", args=[town.parent_id])),
        ("review queue", reverse("review:queue")),
        ("supervision", reverse("phases:supervision")),
    ]


def measure(client, url):
    times = []
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
    return response.status_code, statistics.median(times), max(times), len(queries)


def main():
    import logging

    logging.disable(logging.WARNING)  # 404s of pages outside a persona's scope are expected
    print(f"database: {connection.vendor}, units: {Unit.objects.count()}")
    for username in ("office", "secretary", "supervisor1", "leader", "inspector"):
        client = Client()
        client.force_login(User.objects.get(username=username))
        for name, url in pages():
            status, median, worst, count = measure(client, url)
            if status == 404:  # outside this persona's scope
                continue
            print(
                f"{username:12} {name:20} {status} median {median:7.1f} ms"
                f"  worst {worst:7.1f} ms  {count:3} queries"
            )


if __name__ == "__main__":
    main()
