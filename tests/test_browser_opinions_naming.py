"""Browser tests of the naming rule and corrections: the office corrects a category; 胜坨镇's
secretary answers an opinion naming the secretary of one of its villages, which that
village's secretary cannot see."""

import pytest

from campaign.opinions import services
from campaign.opinions.models import Category, Channel, Opinion, Status
from campaign.org.models import Role, Unit, UnitKind, User
from tests.browser import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_office_corrects_a_category(new_page, live_server):
    base = live_server.url
    office = User.objects.get(username="office")
    town = Unit.objects.get(name="胜坨镇")
    opinion = services.receive_opinion(
        actor=office,
        channel=Channel.HOTLINE,
        content="热线来电反映镇政府有干部上班时间打牌",
        category=Category.BUREAUCRATISM,
    )
    services.route_opinion(actor=office, opinion=opinion, unit=town)

    page = new_page()
    log_in(page, base, "office")
    page.goto(base + opinion.get_absolute_url())
    form = page.locator("#correct-form")
    form.locator("select[name=category]").select_option("hedonism")
    form.locator("textarea[name=reason]").fill("来电反映的是上班打牌,属享乐主义")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    screenshot(page, "opinion-naming-1-office-corrected")
    history = page.locator("#opinion-history").inner_text()
    assert "更正" in history and "官僚主义 → 享乐主义" in history
    assert "来电反映的是上班打牌" in history
    opinion.refresh_from_db()
    assert opinion.category == Category.HEDONISM and opinion.unit == town


def test_a_town_secretary_answers_an_opinion_naming_a_village_secretary(new_page, live_server):
    base = live_server.url
    office = User.objects.get(username="office")
    town = Unit.objects.get(name="胜坨镇")
    village = Unit.objects.filter(parent=town, kind=UnitKind.VILLAGE).order_by("path").first()
    named = User.objects.filter(role=Role.SECRETARY, unit=village).order_by("pk").first()
    opinion = services.receive_opinion(
        actor=office,
        channel=Channel.BOX,
        content=f"意见箱来信反映{village.name}支部书记{named.display_name}评低保优亲厚友",
        category=Category.BUREAUCRATISM,
        named_person_name=named.display_name,
    )
    services.route_opinion(actor=office, opinion=opinion, unit=village)

    secretary = new_page()
    log_in(secretary, base, "secretary")
    secretary.goto(base + opinion.get_absolute_url())
    note = secretary.locator("#handed-up-note").inner_text()
    assert f"已按规定转由上一级（{town.name}）办理" in note
    secretary.locator("#take-up").click()
    answer = "经镇党委核实,已对该村低保户重新评议并张榜公示。"
    secretary.fill("#answer-form textarea[name=answer]", answer)
    secretary.locator("#answer-form button[type=submit]").click()
    secretary.wait_for_load_state("networkidle")
    screenshot(secretary, "opinion-naming-2-town-answered")
    opinion.refresh_from_db()
    assert opinion.status == Status.ANSWERED
    assert opinion.answered_by == User.objects.get(username="secretary")

    village_page = new_page()
    log_in(village_page, base, named.username)
    response = village_page.goto(base + opinion.get_absolute_url())
    assert response.status == 404
    village_page.goto(base + f"/opinions/?q={opinion.receipt_code}")
    rows = village_page.locator("#opinions tbody")
    assert "没有" in rows.inner_text()
    assert rows.locator(f'a[href="{opinion.get_absolute_url()}"]').count() == 0
    screenshot(village_page, "opinion-naming-3-village-sees-nothing")
    assert Opinion.objects.filter(pk=opinion.pk, named_person=named).exists()
