"""The worker sits above the apps: it imports them, and the outbox imports none of the apps
that queue messages, so no import cycle can form through the job schedule."""

import ast
from pathlib import Path

import redress

SRC = Path(redress.__file__).parent


def _imports(app: str) -> set[str]:
    found: set[str] = set()
    for path in (SRC / app).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                found.add(node.module)
            elif isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
    return found


def test_notifications_imports_neither_portal_reporting_nor_the_worker():
    imported = _imports("notifications")
    above = ("redress.portal", "redress.reporting", "redress.worker", "redress.staff")
    assert not [name for name in imported if name.startswith(above)]


def test_no_app_imports_the_worker():
    for app in (p.name for p in SRC.iterdir() if p.is_dir() and p.name != "worker"):
        assert not [name for name in _imports(app) if name.startswith("redress.worker")], app


def test_the_schedule_lives_in_the_worker():
    from redress.worker.jobs import PERIODIC_JOBS

    assert {"deadline reminders", "portal housekeeping", "report figures"} <= {
        name for name, _, _ in PERIODIC_JOBS
    }
