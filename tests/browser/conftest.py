# The browser fixtures live in tests/browser_fixtures.py and are registered once for the whole
# suite by tests/conftest.py, so every test file shares one Chromium per test process.
