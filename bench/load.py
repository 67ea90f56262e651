"""A bounded load test: N signed-in staff users browse the casework pages with think time.

    python -m bench.load --base-url http://127.0.0.1:8150 --users 200 --duration 180 \\
        --think 5 10 --password demo-redress-2026

Each simulated person is a thread. Signing in is timed separately and is not what is
measured: the password hash costs about a second of CPU on purpose, and a council's staff sign
in over a morning, not all at once. So one session is signed in per demo account and the
people using that account share its cookies. Each person starts within ``--ramp`` seconds and
repeats: wait a random think time, open a page. Pages are picked as a complaints team's day
is: My work, the case list, a search, a case page, now and then the reports dashboard. Only
the steady phase after everyone has started is measured, for ``--duration`` seconds
after the ramp; the script prints p50/p95/p99 and errors, overall and per page.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import random
import re
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from dataclasses import dataclass, field

# Complaints officers and managers: the people who open every page below, reports included.
STAFF_ACCOUNTS = ("officer", "c.walsh", "d.patel", "manager", "m.fraser", "e.jones")
REFERENCE = re.compile(r"/casework/cases/([A-Z]{3}-\d{4}-\d{6})/")
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# (page name, weight, path or a callable building one from the case references seen)
SEARCHES = ("road", "bin", "council tax", "repair", "noise", "late")


@dataclass
class Results:
    lock: threading.Lock = field(default_factory=threading.Lock)
    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    samples: list[str] = field(default_factory=list)

    def add(self, page: str, seconds: float, ok: bool, detail: str = "") -> None:
        with self.lock:
            self.times[page].append(seconds)
            if not ok:
                self.errors[page] += 1
                if len(self.samples) < 10:
                    self.samples.append(f"{page}: {detail}")


class Person:
    def __init__(
        self,
        base_url: str,
        username: str,
        password: str,
        timeout: float,
        jar: http.cookiejar.CookieJar | None = None,
        references: list[str] | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.username = username
        self.password = password
        self.timeout = timeout
        self.jar = jar if jar is not None else http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.references: list[str] = list(references or [])

    def colleague(self) -> Person:
        """Another person sharing this one's signed-in session."""
        return Person(
            self.base_url, self.username, self.password, self.timeout, self.jar, self.references
        )

    def get(self, path: str) -> tuple[int, str]:
        return self._open(urllib.request.Request(self.base_url + path))

    def post(self, path: str, data: dict[str, str]) -> tuple[int, str]:
        body = urllib.parse.urlencode(data).encode()
        request = urllib.request.Request(self.base_url + path, data=body, method="POST")
        request.add_header("Referer", self.base_url + path)
        return self._open(request)

    def _open(self, request: urllib.request.Request) -> tuple[int, str]:
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")

    def sign_in(self) -> bool:
        status, page = self.get("/sign-in/")
        token = CSRF_INPUT.search(page)
        if status != 200 or token is None:
            return False
        fields = {
            "csrfmiddlewaretoken": token.group(1),
            "username": self.username,
            "password": self.password,
            "next": "/casework/",
        }
        status, page = self.post("/sign-in/", fields)
        self.references = REFERENCE.findall(page)
        return status == 200 and "Sign out" in page

    def next_page(self, rng: random.Random) -> tuple[str, str]:
        roll = rng.random()
        if roll < 0.25:
            return "my work", "/casework/"
        if roll < 0.50:
            return "case list", f"/casework/cases/?page={rng.randint(1, 3)}"
        if roll < 0.60:
            return "search", "/casework/cases/?" + urllib.parse.urlencode(
                {"q": rng.choice(SEARCHES)}
            )
        if roll < 0.95 and self.references:
            return "case page", f"/casework/cases/{rng.choice(self.references)}/"
        return "reports", "/reports/"


def run_person(
    person: Person,
    start_at: float,
    measure_from: float,
    stop_at: float,
    think: tuple[float, float],
    results: Results,
    seed: int,
) -> None:
    rng = random.Random(seed)
    time.sleep(max(0.0, start_at - time.monotonic()))
    while True:
        time.sleep(rng.uniform(*think))
        if time.monotonic() >= stop_at:
            return
        name, path = person.next_page(rng)
        began = time.monotonic()
        try:
            status, page = person.get(path)
            # A lost session is redirected to the sign-in page, which is a 200 too.
            ok = status == 200 and "Sign out" in page
            detail = f"HTTP {status} {path}" + ("" if "Sign out" in page else " (signed out)")
        except OSError as error:
            status, page, ok, detail = 0, "", False, f"{type(error).__name__} {path}"
        if began >= measure_from:
            results.add(name, time.monotonic() - began, ok, detail)
        if name in ("case list", "my work", "search") and ok:
            found = REFERENCE.findall(page)
            person.references = found or person.references


def percentile(values: list[float], pct: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered)) - 1))
    return ordered[index]


def report(results: Results, label: str) -> None:
    everything = [t for times in results.times.values() for t in times]
    rows = [("all pages", everything, sum(results.errors.values()))]
    rows += [(name, times, results.errors[name]) for name, times in sorted(results.times.items())]
    print(f"\n{label}")
    print(f"{'page':<12} {'requests':>8} {'errors':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for name, times, errors in rows:
        print(
            f"{name:<12} {len(times):>8} {errors:>6} {percentile(times, 50) * 1000:>8.0f} "
            f"{percentile(times, 95) * 1000:>8.0f} {percentile(times, 99) * 1000:>8.0f}"
        )
    for sample in results.samples:
        print("  error:", sample)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8150")
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--duration", type=float, default=120.0, help="measured seconds")
    parser.add_argument("--ramp", type=float, default=30.0, help="seconds over which people start")
    parser.add_argument("--think", type=float, nargs=2, default=(5.0, 10.0), metavar=("MIN", "MAX"))
    parser.add_argument("--password", default="demo-redress-2026")
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if not 1 <= args.users <= 1000 or not 0 < args.duration <= 1800:
        parser.error("choose 1 to 1000 users and a duration up to 1800 seconds")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    results, sign_ins = Results(), Results()
    accounts = []
    for username in STAFF_ACCOUNTS:
        person = Person(args.base_url, username, args.password, args.timeout)
        began = time.monotonic()
        signed_in = person.sign_in()
        sign_ins.add("sign in", time.monotonic() - began, signed_in, f"{username} could not")
        if signed_in:
            accounts.append(person)
    if not accounts:
        report(sign_ins, "Sign-in")
        return 1
    now = time.monotonic()
    measure_from = now + args.ramp + args.think[1]
    stop_at = measure_from + args.duration
    threads = [
        threading.Thread(
            target=run_person,
            args=(
                accounts[i % len(accounts)].colleague(),
                now + args.ramp * i / args.users,
                measure_from,
                stop_at,
                tuple(args.think),
                results,
                args.seed * 100_003 + i,
            ),
            daemon=True,
        )
        for i in range(args.users)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=max(0.0, stop_at - time.monotonic()) + args.timeout + 5)
    print(
        f"{args.users} users, think {args.think[0]:g}-{args.think[1]:g} s, "
        f"{args.duration:g} s measured after a {args.ramp:g} s sign-in ramp"
    )
    report(sign_ins, "Sign-in, one per account (not in the figures below)")
    report(results, "Steady phase")
    failed = sum(results.errors.values()) + sum(sign_ins.errors.values())
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
