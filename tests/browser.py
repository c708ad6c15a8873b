"""Shared set-up for the browser tests: Debian's Chromium driven by Playwright."""

import os
import re
import shutil
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


@pytest.fixture(scope="session")
def browser():
    # Playwright runs an event loop in this thread; the ORM calls the tests make
    # between page actions are synchronous and safe here.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    if executable is None:
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, live_server, demo_county):
    contexts = []

    def make(viewport=DESKTOP, locale="zh-CN"):
        context = browser.new_context(viewport=viewport, locale=locale)
        context.set_default_timeout(15000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def screenshot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    full = page.viewport_size["width"] > 600  # a phone screenshot shows the first screen
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full)


def log_in(page, base_url, username, password="kenli2014"):
    page.goto(base_url + "/login/")
    page.get_by_label("登录名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_load_state("networkidle")


# --- Helpers for the page sweep (tests/test_browser_sweep.py) -------------------------

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
# Brand names, file types and units that may stay in Latin letters in the Chinese interface.
ENGLISH_ALLOWED = {"excel", "xlsx", "csv", "mb", "kb", "english", "id", "pdf", "url"}
_CSP_LISTENER = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', function (e) {
  var node = e.target && e.target.outerHTML ? e.target.outerHTML.slice(0, 120) : '';
  window.__csp.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline')
                    + ' at ' + (e.sourceFile || '') + ':' + e.lineNumber + ' ' + node);
});
"""


def sweep_init_script():
    """An init script (run by the browser before the page's own, outside its CSP) that
    records CSP violations in ``window.__csp`` and defines ``window.axe``."""
    return _CSP_LISTENER + "\n" + AXE.read_text(encoding="utf-8")


def axe_violations(page, impacts=("serious", "critical")):
    """axe-core's violations of the given impacts, one short line each."""
    found = page.evaluate(
        """async (impacts) => {
          const result = await window.axe.run(document, {resultTypes: ['violations']});
          return result.violations.filter(v => impacts.includes(v.impact)).map(v => ({
            id: v.id, impact: v.impact, count: v.nodes.length,
            targets: v.nodes.slice(0, 3).map(n => n.target.join(' ')),
            summary: (v.nodes[0].failureSummary || '').split('\\n').slice(0, 2).join(' '),
          }));
        }""",
        list(impacts),
    )
    return [
        f"{v['id']} ({v['impact']}, {v['count']} nodes) {v['targets']} {v['summary'][:160]}"
        for v in found
    ]


def english_words(page):
    """Latin words of two letters or more in the page's visible text (allowed ones left out)."""
    # Visible text, plus the labels a screen reader speaks. Data that is Latin by nature
    # (login names, codes) is marked translate="no" or set in <code>.
    text = page.evaluate(
        """() => {
          const skip = '[translate=no], code, kbd, samp, script, style, noscript, template';
          const shown = el => {
            if (el.tagName === 'OPTION') el = el.closest('select') || el;
            return el.checkVisibility({visibilityProperty: true});
          };
          const out = [];
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            const el = n.parentElement;
            if (el && !el.closest(skip) && shown(el)) out.push(n.textContent);
          }
          const labelled = '[placeholder], [aria-label], [title], img[alt], input[type=submit]';
          document.querySelectorAll(labelled).forEach(el => {
              if (el.closest(skip) || !shown(el)) return;
              ['placeholder', 'aria-label', 'title', 'alt', 'value'].forEach(a => {
                if (a === 'value' && el.type !== 'submit') return;
                if (el.getAttribute(a)) out.push(el.getAttribute(a));
              });
            });
          return out.join(' ');
        }"""
    )
    words = set(re.findall(r"[A-Za-z][A-Za-z']+", text))
    return {w for w in words if w.lower() not in ENGLISH_ALLOWED}


def context_for(browser, base_url, username, viewport=DESKTOP, locale="zh-CN"):
    """A browser context logged in as ``username`` (None: anonymous) through a session
    cookie, without going through the login form."""
    context = browser.new_context(viewport=viewport, locale=locale)
    context.set_default_timeout(15000)
    if username:
        from django.conf import settings
        from django.test import Client

        from campaign.org.models import User

        client = Client()
        client.force_login(User.objects.get(username=username))
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": base_url}]
        )
    return context


def open_menu(page, item):
    """Click ``item`` in the top menu, opening the phone menu and the item's dropdown first
    (``open_menu(page, "单位树")`` replaces ``get_by_role("link", name="单位树").click()``)."""
    toggler = page.locator(".navbar-toggler")
    if toggler.is_visible():
        toggler.click()
    named = page.get_by_role("link", name=item, exact=True, include_hidden=True)
    link = page.locator("#nav").locator(named)
    dropdown = page.locator("#nav .dropdown").filter(has=named)
    if dropdown.count():
        dropdown.first.locator(".dropdown-toggle").click()
    link.first.click()
