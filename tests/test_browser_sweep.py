"""A sweep of the main pages for every persona, on a phone (375 px) and a desktop (1280 px):
no serious or critical axe-core violation, no sideways scrolling, no console error, no
Content-Security-Policy violation, no English words in the Chinese interface, and the
office's menu on one line at 1280 px.

One browser, one context per persona (logged in once, through a session cookie), each page
loaded once at 1280 px and checked again after narrowing the window to 375 px.

Strings waiting in locale/pending/*.po are merged into a temporary catalogue for the sweep
(see ``pending_catalogue``), so the English-words check means "not in any catalogue yet".
"""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse

from tests.browser import (
    axe_violations,
    context_for,
    english_words,
    open_menu,
    sweep_init_script,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parent.parent
NARROW = {"width": 375, "height": 800}
WIDE = {"width": 1280, "height": 900}
PERSONAS = ["office", "secretary", "supervisor1", "leader", "inspector", "head", "cadre"]
# SWEEP_PERSONAS=office,secretary narrows the sweep while fixing a page.
ONLY = [p for p in os.environ.get("SWEEP_PERSONAS", "").split(",") if p]


def _pages(unit_pk):
    return [
        reverse("home"),
        reverse("org:unit_list"),
        reverse("org:unit_tree"),
        reverse("overview:unit", args=[unit_pk]),
        reverse("opinions:list"),
        reverse("opinions:moderation"),
        reverse("overview:queue"),
        reverse("overview:progress"),
        reverse("overview:supervision"),
        reverse("study:unit", args=[unit_pk]),
        reverse("org:team", args=[unit_pk]),
        reverse("talks:unit", args=[unit_pk]),
        reverse("org:team_import"),
        reverse("study:follow_up"),
        reverse("org:account_list"),
        reverse("org:group_list"),
        reverse("overview:campaign"),
        reverse("opinions:box"),
        reverse("opinions:lookup"),
    ]


def _public_pages():
    return [reverse("login"), reverse("opinions:box"), reverse("opinions:lookup"), "/no-such-page/"]


def _unit_for(username):
    from campaign.org import access
    from campaign.org.models import Unit, User

    user = User.objects.get(username=username)
    scope = access.scope_units(user)
    town = scope.filter(name="胜坨镇").first()
    if town is not None:
        return town.pk
    if user.unit_id:
        return user.unit_id
    return (scope.first() or Unit.objects.order_by("path").first()).pk


_PO_HEADER = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Plural-Forms: nplurals=1; plural=0;\\n"\n\n'
)


@pytest.fixture
def pending_catalogue(settings, tmp_path):
    """The zh_Hans catalogue with locale/pending/*.po merged in, compiled to a temporary dir."""
    pending = sorted((ROOT / "locale" / "pending").glob("*.po"))
    if not pending or not shutil.which("msgcat") or not shutil.which("msgfmt"):
        return
    target = tmp_path / "locale" / "zh_Hans" / "LC_MESSAGES"
    target.mkdir(parents=True)
    main = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
    inputs = [main]
    for number, po in enumerate(pending):
        text = po.read_text(encoding="utf-8")
        if not re.search(r'^msgid ""\s*\nmsgstr ""', text, re.M):
            text = _PO_HEADER + text  # msgcat needs each file's charset
        inputs.append(tmp_path / f"pending-{number}.po")
        inputs[-1].write_text(text, encoding="utf-8")
    merged = target / "django.po"
    # The project's catalogue first: its header, and its translation wins a duplicate.
    subprocess.run(["msgcat", "--use-first", "-o", str(merged), *map(str, inputs)], check=True)
    subprocess.run(["msgfmt", "-o", str(target / "django.mo"), str(merged)], check=True)
    settings.LOCALE_PATHS = [tmp_path / "locale"]


def _check_page(page, url, problems, record, wide):
    width = "1280" if wide else "375"
    where = f"{url} @{width}"
    for item in page.evaluate("() => window.__csp || []"):
        problems.append(f"{where}: CSP violation {item}")
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    if overflow > 0:
        culprits = page.evaluate(
            """() => [...document.querySelectorAll('body *')]
                 .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1
                              && !e.closest('.table-responsive, .overflow-auto'))
                 .slice(0, 4).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                              + (e.className && typeof e.className === 'string'
                                 ? '.' + e.className.trim().split(/\\s+/).join('.') : ''))"""
        )
        problems.append(f"{where}: scrolls sideways by {overflow}px ({', '.join(culprits)})")
    for violation in axe_violations(page):
        problems.append(f"{where}: axe {violation}")
    words = english_words(page)
    if words:
        problems.append(f"{where}: English words {sorted(words)[:12]}")
    record.setdefault(url, set()).add(width)


def _sweep(context, urls, base_url, problems, check_menu=False):
    page = context.new_page()
    console = []
    page.on(
        "console",
        lambda m: console.append(m) if m.type == "error" else None,
    )
    page.on("pageerror", lambda exc: console.append(exc))
    record = {}
    seen = set()
    for url in urls:
        console.clear()
        page.set_viewport_size(WIDE)
        response = page.goto(base_url + url, wait_until="load")
        final = page.url
        if final in seen:
            continue
        seen.add(final)
        status = response.status if response else 0
        if status >= 500:
            problems.append(f"{url}: status {status}")
            continue
        _check_page(page, url, problems, record, wide=True)
        if check_menu:
            problems.extend(f"{url} @1280: {p}" for p in _menu_problems(page))
        page.set_viewport_size(NARROW)
        page.wait_for_timeout(50)
        _check_page(page, url, problems, record, wide=False)
        for message in console:
            text = getattr(message, "text", None) or str(message)
            location = getattr(message, "location", None) or {}
            # The browser logs a 404/403 document itself as an error: expected here.
            if location.get("url") == final and "status of 40" in text:
                continue
            problems.append(f"{url}: console error {text[:200]}")
    page.close()
    return record


def _menu_problems(page):
    """The top menu on one line, no label broken onto two lines."""
    return page.evaluate(
        """() => {
          const items = [...document.querySelectorAll('#nav .navbar-nav > .nav-item')];
          if (!items.length) return [];
          const out = [];
          const top = items[0].getBoundingClientRect().top;
          items.forEach(li => {
            const link = li.querySelector('.nav-link');
            const r = li.getBoundingClientRect();
            const line = parseFloat(getComputedStyle(link).lineHeight) || 24;
            if (Math.abs(r.top - top) > 2) out.push('menu wraps at ' + link.textContent.trim());
            const tall = link.getBoundingClientRect().height > line * 1.6 + 16;
            if (link.getClientRects().length > 1 || tall)
              out.push('menu label on two lines: ' + link.textContent.trim());
          });
          const nav = document.querySelector('nav.navbar');
          const high = nav.getBoundingClientRect().height;
          if (high > 80) out.push('navbar is ' + high + 'px high');
          return out;
        }"""
    )


def test_every_persona_sees_accessible_phone_friendly_chinese_pages(
    browser, live_server, demo_county, pending_catalogue
):
    problems = []
    for username in ONLY or PERSONAS:
        if username == "anonymous":
            continue
        context = context_for(browser, live_server.url, username)
        context.add_init_script(sweep_init_script())
        urls = _pages(_unit_for(username))
        found = []
        _sweep(context, urls, live_server.url, found, check_menu=username == "office")
        problems.extend(f"{username} {p}" for p in found)
        context.close()
    if not ONLY or "anonymous" in ONLY:
        context = context_for(browser, live_server.url, None)
        context.add_init_script(sweep_init_script())
        found = []
        _sweep(context, _public_pages(), live_server.url, found)
        problems.extend(f"anonymous {p}" for p in found)
        context.close()
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)


def test_the_sweep_catches_what_it_is_meant_to_catch(browser, live_server, demo_county):
    """The checks can fail: an inline script, a too-wide box, poor contrast and English."""
    context = context_for(browser, live_server.url, None)
    context.add_init_script(sweep_init_script())
    page = context.new_page()
    page.goto(live_server.url + reverse("login"))
    page.set_viewport_size(NARROW)
    page.evaluate(
        """() => {
          const s = document.createElement('script'); s.textContent = 'window.x = 1';
          document.body.appendChild(s);
          const d = document.createElement('div'); d.className = 'bg-white';
          d.innerHTML = '<p>Hello untranslated world</p>';
          d.firstChild.classList.add('text-light');
          const wide = document.createElement('img');
          wide.width = 900; wide.height = 1; wide.alt = '';
          d.appendChild(wide);
          document.querySelector('main').appendChild(d);
        }"""
    )
    page.wait_for_timeout(100)
    problems = []
    _check_page(page, "/login/", problems, {}, wide=False)
    text = "\n".join(problems)
    assert "CSP violation" in text
    assert "scrolls sideways" in text
    assert "color-contrast" in text
    assert "Hello" in text and "untranslated" in text
    context.close()


@pytest.mark.parametrize("viewport", [WIDE, NARROW], ids=["1280", "375"])
def test_the_office_reaches_the_unit_tree_through_the_grouped_menu(
    browser, live_server, demo_county, viewport
):
    context = context_for(browser, live_server.url, "office", viewport=viewport)
    page = context.new_page()
    page.goto(live_server.url + "/")
    assert page.locator(".navbar-toggler").is_visible() == (viewport == NARROW)
    open_menu(page, "单位树")
    page.wait_for_url("**/org/units/tree/")
    open_menu(page, "意见建议")  # a top-level item, no dropdown
    page.wait_for_url("**/opinions/")
    context.close()
