"""Likely duplicates (DOMAIN.md "Opinions": duplicates are merged), suggested while an
opinion is entered and while it is handled.

Two texts are compared by the character bigrams of their normalised form (punctuation
and spaces dropped, full-width letters and digits made half-width, lower case): a
near-copy with other punctuation, its clauses in another order, a few characters changed
or polite words added keeps most of its bigrams; an opinion on the same topic that says
something else shares only the names of the place and the topic.

``search_text`` gives that form as space-separated bigrams ("路灯 灯坏 坏了"); the
services keep it in ``Opinion.content_search``.

- On PostgreSQL pg_trgm compares those words (a bigram "路灯" gives the trigrams "  路",
  " 路灯" and "路灯 ": the text's characters and its bigrams), found through the GIN
  ``gin_trgm_ops`` index of migration 0004 and ranked in the database: one query. pg_trgm
  takes only the characters the database's LC_CTYPE counts as letters: under a UTF-8
  locale (C.UTF-8, zh_CN.UTF-8, en_US.UTF-8) Chinese characters are; under plain "C" they
  are not, and the system check ``opinions.W001`` says so.
- Elsewhere (SQLite) the Dice coefficient of the two bigram sets is computed in Python
  over a bounded set of candidates: the unit's latest opinions, then the latest the user
  may see.

Thresholds, one per backend, are tuned on tests/near_copies.py (tests/test_opinions_similar.py
measures recall and precision on whichever backend the run uses).
"""

import unicodedata

from django.core import checks
from django.db import connections
from django.db.models import Case, F, FloatField, Lookup, TextField, Value, When

from .models import Status

MAX_CHARS = 1000  # of the normalised text: a longer opinion is compared by its beginning
MIN_CHARS = 5  # what is shorter says too little to compare
LIMIT = 5
# pg_trgm similarity of the bigram words, and Dice of the bigram sets. On the test set
# the near-copies score at least 0.49 and 0.56; the distractors at most 0.26 and 0.38, the
# demo county's opinions (made from templates) at most 0.39 and 0.45.
PG_THRESHOLD = 0.43
PYTHON_THRESHOLD = 0.5
# The index finds rows above pg_trgm.similarity_threshold (0.3 unless the server sets it
# otherwise): PG_THRESHOLD must not be lower.
PG_INDEX_THRESHOLD = 0.3
# Ranked by similarity, an opinion about the same unit counting this much more: a near-copy
# about the unit comes before one as close about another (the demo county's opinions,
# made from templates, repeat themselves from village to village).
SAME_UNIT_BONUS = 0.1
UNIT_CANDIDATES = 1000  # SQLite: the unit's latest opinions (the demo's largest unit has
RECENT_CANDIDATES = 500  # 582) scored in Python, then the latest of all the user may see


def normalise(text):
    """Letters and digits only, full-width made half-width (NFKC), lower case."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    kept = (c for c in text if unicodedata.category(c)[0] in "LN")
    return "".join(kept)[:MAX_CHARS]


def bigrams(text):
    """The distinct character bigrams of the normalised text, in order (a one-character
    text is its character)."""
    plain = normalise(text)
    if len(plain) < 2:
        return [plain] if plain else []
    return list(dict.fromkeys(plain[i : i + 2] for i in range(len(plain) - 1)))


def search_text(content):
    """What ``Opinion.content_search`` holds for ``content``."""
    return " ".join(bigrams(content))


def dice(first, second):
    """The Dice coefficient of two sets of bigrams: 1 for the same, 0 for nothing shared."""
    if not first or not second:
        return 0.0
    return 2 * len(first & second) / (len(first) + len(second))


def similar_to(content, *, among, unit=None, exclude=None, limit=LIMIT, in_python=None):
    """Opinions of ``among`` (a queryset of those the user may see: access.opinions_for)
    whose text is close to ``content``, best first; never a merged one, nor ``exclude``
    (an opinion or a pk). Those about ``unit`` (a unit or a pk) rank SAME_UNIT_BONUS
    higher, and in Python are the first candidates. ``in_python``: compare in Python even on
    PostgreSQL (by default only elsewhere)."""
    if len(normalise(content)) < MIN_CHARS:
        return []
    words = search_text(content)
    candidates = among.exclude(status=Status.MERGED).exclude(content_search="")
    if exclude is not None:
        candidates = candidates.exclude(pk=getattr(exclude, "pk", exclude))
    unit_id = getattr(unit, "pk", unit)
    if in_python is None:
        in_python = connections[among.db].vendor != "postgresql"
    if in_python:
        return _ranked_in_python(candidates, words, unit_id, limit)
    return _ranked_by_pg_trgm(candidates, words, unit_id, limit)


class TrigramMatch(Lookup):
    """pg_trgm's ``%``: similar above pg_trgm.similarity_threshold, found by the index."""

    lookup_name = "trigram_match"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} %% {rhs}", (*lhs_params, *rhs_params)


def _ranked_by_pg_trgm(candidates, words, unit_id, limit):
    from django.contrib.postgres.search import TrigramSimilarity

    words = Value(words, output_field=TextField())
    bonus = Value(0.0, output_field=FloatField())
    if unit_id:
        bonus = Case(
            When(unit_id=unit_id, then=Value(SAME_UNIT_BONUS)),
            default=Value(0.0),
            output_field=FloatField(),
        )
    found = (
        candidates.alias(similarity=TrigramSimilarity("content_search", words))
        .filter(TrigramMatch(F("content_search"), words), similarity__gte=PG_THRESHOLD)
        .alias(rank=F("similarity") + bonus)
        .select_related("unit")
        .defer("content_search")
        .order_by("-rank", "-received_on", "-id")
    )
    return list(found[:limit])


def _ranked_in_python(candidates, words, unit_id, limit):
    query = set(words.split())
    newest = ("-received_on", "-id")
    fields = ("pk", "content_search", "unit_id", "received_on")
    pools = []
    if unit_id:
        same_unit = candidates.filter(unit_id=unit_id).order_by(*newest)
        pools.append(same_unit.values_list(*fields)[:UNIT_CANDIDATES])
    pools.append(candidates.order_by(*newest).values_list(*fields)[:RECENT_CANDIDATES])
    seen, scored = set(), {}
    for pool in pools:
        for pk, text, their_unit, day in pool:
            if pk in seen:
                continue
            seen.add(pk)
            score = dice(query, set(text.split()))
            if score >= PYTHON_THRESHOLD:
                rank = score + (SAME_UNIT_BONUS if unit_id and their_unit == unit_id else 0)
                scored[pk] = (-rank, -day.toordinal(), -pk)
    best = sorted(scored, key=scored.get)[:limit]
    if not best:
        return []
    found = candidates.select_related("unit").defer("content_search").in_bulk(best)
    return [found[pk] for pk in best]


def check_trigram_locale(app_configs=None, databases=None, **kwargs):
    """opinions.W001: on PostgreSQL, pg_trgm must see Chinese characters as letters (it
    does under a UTF-8 LC_CTYPE), or no near-copy is ever found. Run by ``migrate`` and
    ``check --database``."""
    found = []
    for alias in databases or ():
        connection = connections[alias]
        if connection.vendor != "postgresql":
            continue
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
            if cursor.fetchone() is None:
                continue  # not migrated yet
            cursor.execute("SELECT show_trgm('路灯'), current_setting('lc_ctype')")
            trigrams, ctype = cursor.fetchone()
        if not trigrams:
            found.append(
                checks.Warning(
                    f"pg_trgm finds no trigrams in Chinese text under LC_CTYPE {ctype!r} "
                    f"of database {alias!r}: likely duplicates will never be suggested.",
                    hint="Create the database with a UTF-8 locale, e.g. "
                    "LC_CTYPE 'C.UTF-8' or 'zh_CN.UTF-8'.",
                    id="opinions.W001",
                )
            )
    return found
