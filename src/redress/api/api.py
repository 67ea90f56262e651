"""API v1 at /api/v1/: bearer-token authenticated, schema at /api/v1/openapi.json.

See docs/api.md. Every operation requires a token (``auth`` below applies to all routers);
the schema and its browsable docs describe the API and hold no data, so they are public.
"""

from ninja import NinjaAPI

from redress.api import errors
from redress.api.auth import BearerToken
from redress.api.routers import (
    actions,
    alerts,
    attachments,
    cases,
    correspondence,
    learning,
    ombudsman,
    people,
    procedures,
    records,
    register,
    reports,
    representative,
    services,
)
from redress.disclosure.api import router as disclosure_router

api = NinjaAPI(
    title="Redress API",
    version="1",
    description="Log and work complaints, compliments, comments and requests. See docs/api.md.",
    urls_namespace="api-v1",
    auth=BearerToken(),
)
errors.install(api)
api.add_router("", procedures.router)
api.add_router("", services.router)
api.add_router("", cases.router)
api.add_router("", actions.router)
api.add_router("", records.router)
api.add_router("", representative.router)
api.add_router("", alerts.router)
api.add_router("", learning.router)
api.add_router("", correspondence.router)
api.add_router("", attachments.router)
api.add_router("", ombudsman.router)
api.add_router("", people.router)
api.add_router("", disclosure_router)
api.add_router("/reports", reports.router)
api.add_router("/register", register.router)
