"""Portal submission speed: the server time of one submission, and submissions a second under
gunicorn with 2 workers on SQLite.

A submission is the final "Send" of the form (the case, its first stage, its timeline and the
confirmation email, in one transaction). Sessions holding completed answers are prepared in
the database first, so the figures measure the submission, not the question pages.

    .venv/bin/python bench/bench_portal.py [--count 400] [--concurrency 8]

Targets: median server time under 50 ms; at least 100 submissions a second.
"""

from __future__ import annotations

import argparse
import http.client
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import cast

ROOT = Path(__file__).resolve().parents[1]
PORT = 8765


def setup_environment(var_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "redress.settings",
            "REDRESS_VAR_DIR": str(var_dir),
            "PORTAL_SUBMIT_LIMIT": "1000000",
            "DEBUG": "0",
            "LOG_LEVEL": "WARNING",
        }
    )
    return env


def prepare(count: int) -> list[str]:
    """Migrate, load presets, and store ``count`` sessions with finished answers."""
    import django

    django.setup()
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command

    from redress.cases.models import Service
    from redress.portal.flow import SESSION_KEY

    call_command("migrate", verbosity=0)
    call_command("load_presets", verbosity=0)
    service, _ = Service.objects.get_or_create(slug="bench", defaults={"name": "Bench service"})
    answers = {
        "kind": {"kind": "complaint"},
        "service": {"service": str(service.pk)},
        "about": {"for_whom": "myself", "their_name": "", "relationship": "", "consent": False},
        "what_happened": {
            "details": "The bin was missed three weeks running.",
            "happened_on": "2026-11-02",
            "staff_name": "",
        },
        "outcome": {"outcome": "Collect it."},
        "contact": {
            "name": "Bench Person",
            "email": "bench@example.com",
            "phone": "",
            "address": "",
            "preference": "email",
        },
        "support": {"needs_support": "no", "support": ""},
        "attachments": {"done": True},
    }
    keys = []
    for _ in range(count):
        store = SessionStore()
        store[SESSION_KEY] = {"owner": secrets.token_hex(16), "answers": answers}
        store.create()
        keys.append(cast(str, store.session_key))  # create() has set it
    return keys


def submit(session_key: str) -> tuple[int, float]:
    csrf = secrets.token_hex(16)  # 32 characters: Django accepts an unmasked secret
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    body = f"csrfmiddlewaretoken={csrf}&website="
    started = time.perf_counter()
    conn.request(
        "POST",
        "/feedback/check-your-answers/",
        body=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"sessionid={session_key}; csrftoken={csrf}",
            "Host": "127.0.0.1",
            "Referer": f"http://127.0.0.1:{PORT}/feedback/check-your-answers/",
        },
    )
    response = conn.getresponse()
    response.read()
    elapsed = time.perf_counter() - started
    conn.close()
    return response.status, elapsed


def wait_for_server() -> None:
    for _ in range(100):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=1)
            conn.request("GET", "/healthz")
            conn.getresponse().read()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("gunicorn did not start")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=400)
    parser.add_argument("--concurrency", type=int, default=8)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = setup_environment(Path(tmp))
        os.environ.update(env)
        sys.path.insert(0, str(ROOT / "src"))
        keys = prepare(options.count + 50)
        server = subprocess.Popen(
            [
                str(ROOT / ".venv/bin/gunicorn"),
                "redress.wsgi:application",
                "--workers",
                "2",
                "--bind",
                f"127.0.0.1:{PORT}",
                "--log-level",
                "warning",
            ],
            env=env,
        )
        try:
            wait_for_server()
            # One at a time: the server time of a single submission (plus loopback).
            single = [submit(k) for k in keys[:50]]
            bad = [s for s, _ in single if s != 302]
            if bad:
                raise SystemExit(f"submissions failed with status {bad[0]}")
            times = sorted(t for _, t in single)
            started = time.perf_counter()
            with ThreadPoolExecutor(options.concurrency) as pool:
                results = list(pool.map(submit, keys[50:]))
            wall = time.perf_counter() - started
        finally:
            server.terminate()
            server.wait()
    ok = sum(1 for s, _ in results if s == 302)
    print(
        f"single submission: median {statistics.median(times) * 1000:.1f} ms, "
        f"p95 {times[int(len(times) * 0.95) - 1] * 1000:.1f} ms (target < 50 ms)"
    )
    print(
        f"throughput: {ok}/{len(results)} submissions in {wall:.2f} s = {ok / wall:.0f}/s "
        f"with {options.concurrency} clients, gunicorn 2 workers, SQLite (target >= 100/s)"
    )


if __name__ == "__main__":
    main()
