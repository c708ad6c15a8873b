"""Shared set-up for the browser tests: Debian's Chromium driven by Playwright."""

import os
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
def demo_county(transactional_db):
    """The demo county, committed, for the live server (re-seeded after a flush)."""
    from campaign.org.demo import seed
    from campaign.org.models import User

    if not User.objects.filter(username="office").exists():
        seed(counties=1)


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
