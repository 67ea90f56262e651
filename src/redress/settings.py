"""Django settings for Redress, read from the environment (12-factor).

Safe defaults make a local run work with no configuration; with ``REDRESS_PRODUCTION=1``
the process refuses to start on the unsafe ones (no SECRET_KEY, DEBUG on, no ALLOWED_HOSTS).
"""

import datetime as dt
import os
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from redress.accounts.oidc import environment as oidc_environment

SRC_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = Path(os.environ.get("REDRESS_HOME", SRC_DIR.parent)).resolve()
VAR_DIR = Path(os.environ.get("REDRESS_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


PRODUCTION = env_bool("REDRESS_PRODUCTION")
# Off unless asked for: a debug page lists every URL pattern and shows settings and data.
DEBUG = env_bool("DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY must be set when REDRESS_PRODUCTION is on")
    SECRET_KEY = "local-development-only-not-secret"  # noqa: S105 - never used in production
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h]
if not ALLOWED_HOSTS:
    if PRODUCTION:
        raise ImproperlyConfigured("ALLOWED_HOSTS must be set when REDRESS_PRODUCTION is on")
    ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG must be off when REDRESS_PRODUCTION is on")
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "redress.core",
    "redress.accounts",
    "redress.calendars",
    "redress.procedures",
    "redress.cases",
    "redress.notifications",
    "redress.staff",
    "redress.portal",
    "redress.ombudsman",
    "redress.register",
    "redress.elsewhere",
    "redress.learning",
    "redress.privacy",
    "redress.disclosure",
    "redress.reporting",
    "redress.trends",
    "redress.imports",
    "redress.demo",
    "redress.api",
    "redress.inbound",
    "redress.worker",
    "axes",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "redress.core.middleware.RejectNulBytesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "redress.core.middleware.PrivateByDefaultMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "redress.accounts.two_factor_middleware.TwoFactorMiddleware",
    "redress.accounts.no_role_middleware.NoRoleMiddleware",
    "redress.accounts.figures_only_middleware.FiguresOnlyMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "redress.core.middleware.DatabaseOutageMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the locked-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "redress.urls"
WSGI_APPLICATION = "redress.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SRC_DIR / "redress" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "redress.core.context_processors.organisation",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DEFAULT_SQLITE = f"sqlite:///{(VAR_DIR / 'redress.sqlite3').as_posix()}"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or DEFAULT_SQLITE, conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Connections are kept for a minute on SQLite too: opening one costs more than a quick
    # request's queries, and an idle connection holds no lock.
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers carry on while one writer writes; IMMEDIATE takes the write lock at
        # the start of a transaction so two writers queue instead of failing mid-way.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("REDRESS_TEST_SQLITE") or None}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "redress.accounts.passwords.NoRunsValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Sign-in throttling (django-axes; see docs/security.md). Axes' backend comes first so it can
# refuse a locked (username, address) pair before the password is checked.
# The single sign-on backend answers only the provider's callback (and nothing unless
# OIDC_ISSUER is set); password sign-ins go on to Django's own.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "redress.accounts.oidc.backend.RedressOIDCBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("SIGN_IN_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(os.environ.get("SIGN_IN_LOCKOUT_MINUTES", 15)))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False  # sign-ins are in the sign-in log; the console needs no copy
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_CLIENT_IP_CALLABLE = "redress.core.clients.client_address"
AXES_LOCKOUT_CALLABLE = "redress.accounts.signin.locked_out"
AXES_USERNAME_CALLABLE = "redress.accounts.signin.axes_username"
# Single sign-on is no password to guess: the provider throttles its own sign-ins, and its
# failures are logged by redress.accounts.oidc.views without counting towards a lockout.
AXES_WHITELIST_CALLABLE = "redress.accounts.signin.axes_exempt"
# Failed sign-ins from one address, over every username, before it must wait.
SIGN_IN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("SIGN_IN_ADDRESS_FAILURE_LIMIT", 50))
# Which request.META key holds the client's address (REMOTE_ADDR, or a proxy's header).
CLIENT_ADDRESS_HEADER = os.environ.get("CLIENT_ADDRESS_HEADER", "REMOTE_ADDR")
# Failed API token attempts per address per window before the API answers 429.
API_TOKEN_FAILURE_LIMIT = (
    int(os.environ.get("API_TOKEN_FAILURE_LIMIT", 20)),
    int(os.environ.get("API_TOKEN_FAILURE_WINDOW", 15 * 60)),
)

# --- Single sign-on with OpenID Connect (mozilla-django-oidc; see docs/security.md) --------
# Off unless OIDC_ISSUER is set. The provider's endpoints come from its discovery document,
# fetched when first needed (redress.accounts.oidc.config), so none are set here.
OIDC_ISSUER = os.environ.get("OIDC_ISSUER", "").strip()
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_CLIENT_ID", "").strip()
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_CLIENT_SECRET", "")
OIDC_RP_SCOPES = os.environ.get("OIDC_SCOPES", "openid email profile")
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_SIGN_ALGORITHM", "RS256")
OIDC_USE_PKCE = True
OIDC_USE_NONCE = True
OIDC_STORE_ID_TOKEN = True  # the hint sent with sign-out to the provider
OIDC_TIMEOUT = int(os.environ.get("OIDC_TIMEOUT", 10))
OIDC_AUTHENTICATION_CALLBACK_URL = "oidc_callback"
OIDC_PROVIDER_NAME = os.environ.get("OIDC_PROVIDER_NAME", "").strip() or (
    "your organisation's account"
)
# A claim (dotted for a nested one, e.g. realm_access.roles) whose values give a role through
# OIDC_ROLE_MAP, e.g. "complaints-team=complaints_officer,redress-admins=administrator".
OIDC_ROLE_CLAIM = os.environ.get("OIDC_ROLE_CLAIM", "").strip()
OIDC_ROLE_MAP = oidc_environment.role_map(os.environ.get("OIDC_ROLE_MAP", ""))
# Email domains that may sign in, comma-separated (empty: any the provider vouches for).
OIDC_EMAIL_DOMAINS = oidc_environment.email_domains(os.environ.get("OIDC_EMAIL_DOMAINS", ""))
# Whoever must use two-factor sign-in (REDRESS_TWO_FACTOR_ROLES, the governance group) gives
# Redress's own code after single sign-on too, unless the ID token says the provider used
# more than one factor (amr "mfa"), or this says the provider always asks for a second factor
# for this application (set it only when, for instance, Conditional Access requires it).
OIDC_PROVIDER_ENFORCES_MFA = env_bool("OIDC_PROVIDER_ENFORCES_MFA")
# Password sign-in: kept for break-glass accounts, or off where everyone uses single sign-on.
REDRESS_PASSWORD_SIGN_IN = env_bool("REDRESS_PASSWORD_SIGN_IN", default=True)
oidc_environment.check(
    OIDC_ISSUER, OIDC_RP_CLIENT_ID, OIDC_RP_CLIENT_SECRET, REDRESS_PASSWORD_SIGN_IN
)

LOGIN_URL = "/sign-in/"
LOGIN_REDIRECT_URL = "/"
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", 8 * 60 * 60))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [
    d
    for d in [
        BASE_DIR / "node_modules" / "govuk-frontend" / "dist",
        BASE_DIR / "build" / "static",
        SRC_DIR / "redress" / "static",
    ]
    if d.exists()
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

# Attachments are private: kept outside the static tree and served only through a view that
# checks the case is visible to the user.
MEDIA_ROOT = Path(os.environ.get("REDRESS_MEDIA_ROOT", VAR_DIR / "attachments"))
MEDIA_URL = "/attachments/"
ATTACHMENT_MAX_BYTES = int(os.environ.get("ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024))
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Email (Django's own setting names, read from the environment) -------------------------
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", 25))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "complaints@council.example")
EMAIL_FILE_PATH = VAR_DIR / "mail"
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.filebased.EmailBackend"
)
NOTIFY_API_KEY = os.environ.get("NOTIFY_API_KEY", "")


# --- Inbound email: the complaints mailbox, and the Ombudsman's (its own account, or only a
# folder of the same one); nothing is read unless INBOUND_IMAP_HOST is set. See
# docs/inbound-email.md.
def _imap_settings(prefix: str) -> dict[str, str]:
    names = ("HOST", "PORT", "USER", "PASSWORD", "FOLDER", "TLS", "CA_FILE")
    values = {name: os.environ.get(f"{prefix}_{name}", "").strip() for name in names}
    values["PASSWORD"] = os.environ.get(f"{prefix}_PASSWORD", "")  # spaces may be part of it
    return values


INBOUND_IMAP = _imap_settings("INBOUND_IMAP")
INBOUND_OMBUDSMAN_IMAP = _imap_settings("INBOUND_OMBUDSMAN_IMAP")
INBOUND_IMAP_EVERY_SECONDS = float(os.environ.get("INBOUND_IMAP_EVERY_SECONDS", 60))

REDRESS: dict[str, Any] = {
    "ORGANISATION_NAME": os.environ.get("REDRESS_ORGANISATION_NAME", "Example Borough Council"),
    "DEFAULT_CALENDAR": os.environ.get("REDRESS_DEFAULT_CALENDAR", "england-and-wales"),
    "PUBLIC_BASE_URL": os.environ.get("REDRESS_PUBLIC_BASE_URL", "http://127.0.0.1:8000"),
    # No case can be received before this date (ISO 8601); see redress.core.dates.
    "EARLIEST_RECEIPT_DATE": os.environ.get("REDRESS_EARLIEST_RECEIPT_DATE", "2000-01-01"),
    # Roles that must sign in with a second factor (redress.accounts.two_factor), comma-separated;
    # REDRESS_TWO_FACTOR_FOR_EVERYONE=1 requires it of every member of staff.
    "TWO_FACTOR_ROLES": tuple(
        role.strip()
        for role in os.environ.get("REDRESS_TWO_FACTOR_ROLES", "administrator").split(",")
        if role.strip()
    ),
    "TWO_FACTOR_FOR_EVERYONE": env_bool("REDRESS_TWO_FACTOR_FOR_EVERYONE"),
    # The governance group keeps the confidential register: always two-factor unless turned off.
    "TWO_FACTOR_FOR_GOVERNANCE": env_bool("REDRESS_TWO_FACTOR_FOR_GOVERNANCE", default=True),
}
# What an authenticator app shows beside the six digits.
OTP_TOTP_ISSUER = f"{REDRESS['ORGANISATION_NAME']} casework"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# --- reporting ---
# Homes a social landlord manages, for the Tenant Satisfaction Measure CH01 (per 1,000 homes).
REDRESS_REPORTING = {
    "HOMES": int(os.environ.get("REDRESS_HOMES_COUNT", "0") or 0),
    # The share of stages the organisation aims to answer in time (the dashboard's target).
    "ON_TIME_TARGET": float(os.environ.get("REDRESS_ON_TIME_TARGET", "95") or 95),
}

# --- emerging-trend alerts (docs/trends.md) ---
REDRESS_TRENDS = {
    # A week is flagged when a count at least this high is less likely than this by chance.
    "P_VALUE": float(os.environ.get("REDRESS_TRENDS_P_VALUE", "0.01") or 0.01),
    "MIN_COUNT": int(os.environ.get("REDRESS_TRENDS_MIN_COUNT", "5") or 5),
    "BASELINE_WEEKS": int(os.environ.get("REDRESS_TRENDS_BASELINE_WEEKS", "12") or 12),
}

# --- portal ---
# (requests allowed, per seconds) per client address; shared by all processes via the database.
PORTAL_RATE_LIMITS = {
    "submit": (
        int(os.environ.get("PORTAL_SUBMIT_LIMIT", 10)),
        int(os.environ.get("PORTAL_SUBMIT_WINDOW", 60 * 60)),
    ),
    "lookup": (
        int(os.environ.get("PORTAL_LOOKUP_LIMIT", 10)),
        int(os.environ.get("PORTAL_LOOKUP_WINDOW", 15 * 60)),
    ),
    "upload": (
        int(os.environ.get("PORTAL_UPLOAD_LIMIT", 30)),
        int(os.environ.get("PORTAL_UPLOAD_WINDOW", 60 * 60)),
    ),
}
# How many reverse proxies in front of the app add to X-Forwarded-For (0: use the socket).
PORTAL_TRUSTED_PROXIES = int(os.environ.get("PORTAL_TRUSTED_PROXIES", 0))
PORTAL_LINK_MINUTES = int(os.environ.get("PORTAL_LINK_MINUTES", 60))
PORTAL_ACCESS_MINUTES = int(os.environ.get("PORTAL_ACCESS_MINUTES", 60))
PORTAL_MAX_UPLOADS = int(os.environ.get("PORTAL_MAX_UPLOADS", 5))
# Survey invitations go to complaints closed within this many days (none to older ones), and
# their links work for this many days.
PORTAL_SURVEY_INVITE_WITHIN_DAYS = int(os.environ.get("PORTAL_SURVEY_INVITE_WITHIN_DAYS", 30))
PORTAL_SURVEY_LINK_DAYS = int(os.environ.get("PORTAL_SURVEY_LINK_DAYS", 60))

# --- notifications ---
NOTIFICATIONS_REMINDER_WORKING_DAYS = int(os.environ.get("REMINDER_WORKING_DAYS", 2))
NOTIFICATIONS_REMINDER_EVERY_SECONDS = int(os.environ.get("REMINDER_EVERY_SECONDS", 15 * 60))
NOTIFICATIONS_MAX_ATTEMPTS = int(os.environ.get("NOTIFICATIONS_MAX_ATTEMPTS", 8))
NOTIFICATIONS_BACKOFF_SECONDS = int(os.environ.get("NOTIFICATIONS_BACKOFF_SECONDS", 60))
NOTIFICATIONS_BACKOFF_MAX_SECONDS = int(os.environ.get("NOTIFICATIONS_BACKOFF_MAX_SECONDS", 21600))
NOTIFICATIONS_LEASE_SECONDS = int(os.environ.get("NOTIFICATIONS_LEASE_SECONDS", 300))
NOTIFY_EMAIL_TEMPLATE_ID = os.environ.get("NOTIFY_EMAIL_TEMPLATE_ID", "")
NOTIFY_LETTER_TEMPLATE_ID = os.environ.get("NOTIFY_LETTER_TEMPLATE_ID", "")

# --- staff ---
# The Ombudsman named in extension and refusal letters and final responses: lgsco, housing or both.
REDRESS_OMBUDSMAN = os.environ.get("REDRESS_OMBUDSMAN", "lgsco")

# --- hardening: error pages, response headers, transport security in production ---
# See docs/deployment.md. The 404 and 403 pages are templates/404.html and 403.html.
CSRF_FAILURE_VIEW = "redress.core.errorpages.csrf_failure"
# No inline script or style anywhere: every script and stylesheet is a file of our own.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# Signing out may send the browser on to the identity provider (redress.accounts.oidc).
CONTENT_SECURITY_POLICY = oidc_environment.csp_allowing_provider(
    CONTENT_SECURITY_POLICY, OIDC_ISSUER
)
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
    # The reverse proxy terminating TLS says which scheme the browser used in this header,
    # e.g. SECURE_PROXY_SSL_HEADER=HTTP_X_FORWARDED_PROTO; set it only behind such a proxy.
    _proxy_header = os.environ.get("SECURE_PROXY_SSL_HEADER", "")
    if _proxy_header:
        SECURE_PROXY_SSL_HEADER = (_proxy_header, os.environ.get("SECURE_PROXY_SSL_VALUE", "https"))
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SECURE_REFERRER_POLICY = "same-origin"
    SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
