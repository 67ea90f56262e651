"""Redress's settings with the bench's URLs (``bench.http_site``) and its timing middleware."""

from redress.settings import *  # noqa: F403 - the product's settings, then the bench's changes
from redress.settings import MIDDLEWARE

ROOT_URLCONF = "bench.http_site"
MIDDLEWARE = ["bench.http_site.ServerTiming", *MIDDLEWARE]
