"""The one-to-one talks of the demo county 垦利县 (campaign.demo.talks_state)."""

import pytest

from campaign.history.models import HistoryEntry
from campaign.org.models import TEAM_KINDS, Unit
from campaign.phases import clock
from campaign.phases.models import WavePlan
from campaign.talks import coverage as cov
from campaign.talks.models import Talk

pytestmark = [pytest.mark.django_db, pytest.mark.full_demo]


def _shares(wave):
    done = incomplete = missing = teams_mostly = teams = 0
    for unit in Unit.objects.filter(kind__in=TEAM_KINDS, wave=wave):
        c = cov.coverage(unit)
        if not c.pairs:
            continue
        teams += 1
        done += len(c.done)
        incomplete += len(c.incomplete)
        missing += len(c.missing)
        teams_mostly += len(c.done) >= 0.7 * len(c.pairs)
    total = done + incomplete + missing
    return done / total, incomplete / total, missing / total, teams_mostly / teams


def test_wave_one_has_held_most_must_talks_with_some_missing_and_a_few_incomplete():
    done, incomplete, missing, mostly = _shares(1)
    assert 0.75 <= done <= 0.92
    assert 0.02 <= incomplete <= 0.10
    assert 0.05 <= missing <= 0.2
    assert mostly >= 0.7


def test_wave_two_has_started_and_wave_three_has_no_talks():
    done, _incomplete, _missing, _mostly = _shares(2)
    assert 0.15 <= done <= 0.5
    assert not Talk.objects.filter(unit__wave=3).exists()


def test_every_talk_went_through_the_service_within_phase_two():
    starts = dict(WavePlan.objects.filter(phase__number=2).values_list("wave", "starts_on"))
    talks = Talk.objects.select_related("unit")
    assert talks.count() > 1000
    for talk in talks:
        assert starts[talk.unit.wave] <= talk.held_on < clock.today()
    recorded = HistoryEntry.objects.filter(code="talks.talk.recorded").count()
    assert recorded == talks.count()
