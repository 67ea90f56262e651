"""Fixtures for browser tests: Playwright drives Debian's Chromium against a live server,
and axe-core checks every page it visits for WCAG 2.2 A and AA violations."""

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make to set
# up data are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[1]
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def chromium_path() -> str:
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    pytest.fail("Browser tests need Debian's Chromium: apt-get install -y chromium", pytrace=False)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def assert_accessible(page, context: str = "") -> None:
    """Run axe-core on the page as it is now; fail listing each WCAG A/AA violation."""
    if not AXE_SCRIPT.exists():
        pytest.fail("axe-core is missing: run `npm install` (make test does)", pytrace=False)
    # A click that submits a form returns once the next page starts loading; check it loaded.
    page.wait_for_load_state()
    # Evaluated through the DevTools protocol rather than added as a <script>: the pages'
    # Content-Security-Policy forbids inline script, and rightly refuses a script tag.
    page.evaluate(AXE_SCRIPT.read_text())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    violations = result["violations"]
    if violations:
        lines = [
            f"- {v['id']} ({v['impact']}): {v['help']} at "
            + ", ".join(n["target"][0] for n in v["nodes"][:5])
            for v in violations
        ]
        where = f" on {context or page.url}"
        pytest.fail(f"Accessibility violations{where}:\n" + "\n".join(lines), pytrace=False)


@pytest.fixture
def axe():
    return assert_accessible


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server in this process that the live server's mail settings point at."""
    from tests.notifications.smtp_server import smtp_settings, start_server

    controller, inbox = start_server()
    smtp_settings(settings, controller)
    inbox.port = controller.port
    yield inbox
    controller.stop()
