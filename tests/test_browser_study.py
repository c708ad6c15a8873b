"""Browser test of study: the secretary of a new town beside 胜坨镇 (group 1), whose
members nobody has studied with yet, records a concentrated study session with attendees
(one found through the htmx name search) and sees coverage rise and the not-reached list
shrink; supervisor1 records a poor learning check; the office finds the unit on the
follow-up list. Screenshots of each step.

Elements are found by id, name and role attributes (the Chinese catalogue of the study
strings comes later); only the login helper reads Chinese labels."""

import pytest

from campaign.demo.data import PASSWORD
from campaign.org import services as org_services
from campaign.org.models import Role, Unit, UnitKind, User
from campaign.study.models import LearningCheck, StudyActivity
from tests.browser import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


MEMBERS = ["张建国", "李秀英", "王志强", "刘桂兰", "陈明华", "杨玉梅", "赵国庆", "孙丽娟"]


def fresh_town():
    """A town beside 胜坨镇 (in its supervision group) with its own secretary account and
    eight members not reached by any study yet: the demo's 胜坨镇 has reached them all."""
    office = User.objects.get(username="office")
    shengtuo = Unit.objects.get(name="胜坨镇")
    town = org_services.create_unit(
        actor=office,
        name="浏览器测试镇",
        kind=UnitKind.TOWN,
        parent=shengtuo.parent,
        wave=shengtuo.wave,
        group=shengtuo.group,
    )
    User.objects.create_user(
        "t-study-secretary",
        password=PASSWORD,
        role=Role.SECRETARY,
        full_name="测试镇书记",
        unit=town,
    )
    for name in MEMBERS:
        org_services.save_member(actor=office, unit=town, name=name)
    return town


def coverage(page):
    card = page.locator("#study-coverage")
    return int(card.get_attribute("data-reached")), int(card.get_attribute("data-total"))


def not_reached(page):
    return {
        int(pk)
        for pk in page.locator("#not-reached [data-member]").evaluate_all(
            "items => items.map(item => item.dataset.member)"
        )
    }


def record_session(page, town, members, supervisor):
    page.locator("#record-activity").click()
    page.locator("#id_kind").select_option("concentrated")
    page.locator("#id_held_on").fill("2014-05-08")
    page.locator("#id_half_days").fill("4")
    page.locator("#id_format").select_option("discussion")
    page.locator("#id_topic").fill("研讨交流:对照“四风”找差距")
    page.locator("#id_supervisor").select_option(str(supervisor.pk))
    # Find the first attendee by name (htmx), tick them, clear the search: they stay ticked.
    first, *others = members
    unmatched = next(m for m in town.members.order_by("id") if first.name not in m.name)
    page.locator("#attendee-q").fill(first.name)
    page.locator(f"#attendee-{unmatched.pk}").wait_for(state="detached")
    page.locator(f"#attendee-{first.pk}").check()
    page.locator("#attendee-q").fill("")
    page.locator(f"#attendee-{unmatched.pk}").wait_for()
    assert page.locator(f"#attendee-{first.pk}").is_checked()
    for member in others:
        page.locator(f"#attendee-{member.pk}").check()
    screenshot(page, "study-2-secretary-form")
    page.locator("#save").click()
    page.wait_for_url(f"**/study/units/{town.pk}/")


def test_secretary_records_study_supervisor_checks_office_follows_up(new_page, live_server):
    town = fresh_town()
    members = list(town.members.order_by("id")[:5])
    supervisor = User.objects.get(username="supervisor1")
    base = live_server.url

    # 1. The secretary opens the study records from the unit card on their home page.
    page = new_page()
    log_in(page, base, "t-study-secretary")
    page.locator("#study-link").click()
    page.wait_for_url(f"**/study/units/{town.pk}/")
    reached, total = coverage(page)
    before = not_reached(page)
    assert reached == 0 and len(before) == total > 5
    screenshot(page, "study-1-secretary-before")

    # 2. They record a concentrated session by discussion with five attendees.
    record_session(page, town, members, supervisor)
    assert coverage(page) == (5, total)
    after = not_reached(page)
    assert after == before - {m.pk for m in members}
    assert page.locator("#study-days").get_attribute("data-counted-half-days") == "4"
    activity = StudyActivity.objects.get(unit=town)
    assert activity.supervisor == supervisor and activity.attendees.count() == 5
    screenshot(page, "study-3-secretary-after")

    # 3. supervisor1 checks the learning: poor.
    page = new_page()
    log_in(page, base, "supervisor1")
    page.goto(f"{base}/study/units/{town.pk}/")
    page.locator("#record-check").click()
    page.locator("#id_checked_on").fill("2014-05-12")
    page.locator("#id_method").select_option("interview")
    page.locator("input[name=result][value=poor]").check()
    page.locator("#id_note").fill("部分党员谈不出学习体会,需补学。")
    screenshot(page, "study-4-supervisor-check-form")
    page.locator("#save").click()
    page.wait_for_url(f"**/study/units/{town.pk}/")
    assert page.locator("#study-latest-check").get_attribute("data-result") == "poor"
    assert LearningCheck.objects.get(unit=town).checked_by == supervisor
    screenshot(page, "study-5-supervisor-checked")

    # 4. The office finds the unit on the follow-up list.
    page = new_page()
    log_in(page, base, "office")
    page.goto(f"{base}/study/follow-up/")
    row = page.locator(f"#follow-up tr[data-unit='{town.pk}']")
    row.wait_for()
    assert town.name in row.inner_text()
    assert page.locator("#follow-up tbody tr[data-unit]").count() == 1
    screenshot(page, "study-6-office-follow-up")
