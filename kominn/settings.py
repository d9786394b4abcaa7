"""KomInn settings, read from the environment.

Every variable is documented in docs/settings.md; a test fails when one is not.
Defaults suit a local run: SQLite under var/, mail written to files under var/mail/,
a secret key generated once under var/. With DEBUG off the site refuses to start
without SECRET_KEY.
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


VAR_DIR = Path(env_str("KOMINN_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DEBUG", True)


def _secret_key() -> str:
    key = env_str("SECRET_KEY")
    if key:
        return key
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. With DEBUG off KomInn refuses to start without one: "
            "set SECRET_KEY to a long random value (see docs/settings.md)."
        )
    # A local run keeps one generated key, so sessions survive restarts.
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()

# In a local run, .localhost also answers for the demo's example municipalities
# (fjordvik.localhost, …), which resolve to the machine itself.
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", ".localhost", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "kominn.core",
    "kominn.accounts",
    "kominn.organisations",
    "kominn.pages",
    "kominn.portfolio",
    "kominn.participation",
    "kominn.collaboration",
    "kominn.events",
    "kominn.moderation",
    "kominn.outbox",
    "kominn.notifications",
    "kominn.newsletter",
    "kominn.search",
    "kominn.demo",
    "kominn.opendata",
    "kominn.core.apps.AdminConfig",  # django.contrib.admin, held to each organisation
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After WhiteNoise (static files come pre-compressed); answers pass it last.
    "kominn.core.compression.TextGZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The organisation (from the host) decides which language unprefixed addresses are in.
    "kominn.organisations.middleware.OrganisationMiddleware",
    "kominn.organisations.middleware.OrganisationLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "kominn.accounts.middleware.BlockedAccountMiddleware",
    "kominn.accounts.middleware.PersonalPagesMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Links in mail written while a request is answered lead to the address it came on.
    "kominn.core.serving.ServedAtMiddleware",
    # Last: it keys pages by the organisation and serves them past the views only.
    "kominn.core.pagecache.PageCacheMiddleware",
]

ROOT_URLCONF = "kominn.urls"
WSGI_APPLICATION = "kominn.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "kominn" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kominn.pages.context_processors.site",
                "kominn.notifications.context_processors.notifications",
            ],
        },
    },
]

# Database: SQLite under var/ unless DATABASE_URL says otherwise.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'kominn.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while one request writes; IMMEDIATE avoids
    # "database is locked" when two requests upgrade to a write at once.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:profile"
# Reset links work once (the token covers the password hash) and expire within hours.
PASSWORD_RESET_TIMEOUT = 2 * 3600
SESSION_COOKIE_AGE = 14 * 24 * 3600
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# OWASP ASVS 5 level 2: at least 10 characters, long passphrases welcome,
# common passwords refused, no rules about character classes; not like the person's
# address or display name, and not only spaces.
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "kominn.accounts.validators.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ["email", "display_name"]},
    },
    {"NAME": "kominn.accounts.validators.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "kominn.accounts.validators.CommonPasswordValidator"},
    {"NAME": "kominn.accounts.validators.NotOnlySpacesValidator"},
]

# Log-in through OpenID Connect: a provider is offered when its client id is set.
# ID-porten is for citizens; it gives no e-mail address, so people confirm one by mail.
# Entra ID is for the municipality's employees; its tenant's addresses are trusted.
OIDC_PROVIDERS = {}
if env_str("IDPORTEN_CLIENT_ID"):
    OIDC_PROVIDERS["idporten"] = {
        "label": "ID-porten",
        "client_id": env_str("IDPORTEN_CLIENT_ID"),
        "client_secret": env_str("IDPORTEN_CLIENT_SECRET"),
        "server_metadata_url": env_str("IDPORTEN_ISSUER", "https://idporten.no").rstrip("/")
        + "/.well-known/openid-configuration",
        "scope": env_str("IDPORTEN_SCOPES", "openid profile"),
        "acr_values": env_str("IDPORTEN_ACR_VALUES", "idporten-loa-substantial"),
        "token_endpoint_auth_method": env_str("IDPORTEN_AUTH_METHOD", "client_secret_post"),
        "capacity": "citizen",
        "trust_email": False,
    }
if env_str("ENTRA_CLIENT_ID"):
    _tenant = env_str("ENTRA_TENANT_ID")
    if not _tenant or _tenant in {"common", "organizations", "consumers"}:
        # A multi-tenant endpoint would let any Microsoft tenant vouch for any address.
        raise ImproperlyConfigured(
            "ENTRA_TENANT_ID must name the municipality's own tenant (its id or domain)."
        )
    OIDC_PROVIDERS["entra"] = {
        "label": "Microsoft Entra ID",
        "client_id": env_str("ENTRA_CLIENT_ID"),
        "client_secret": env_str("ENTRA_CLIENT_SECRET"),
        "server_metadata_url": f"https://login.microsoftonline.com/{_tenant}/v2.0"
        "/.well-known/openid-configuration",
        "scope": "openid profile email",
        "capacity": "employee",
        "trust_email": env_bool("ENTRA_TRUST_EMAIL", False),
    }

# Moderation: an idea or comment that this many different people have reported is
# hidden until a moderator decides.
KOMINN_REPORTS_TO_HIDE = env_int("KOMINN_REPORTS_TO_HIDE", 3)

# The response promise: days from an idea's submission to the municipality's first answer.
# Editors get a reminder (`manage.py remind_overdue`) when an idea passes it unanswered.
KOMINN_ANSWER_DAYS = env_int("KOMINN_ANSWER_DAYS", 14)
# The idea and initiative lists show at most this many pages of 20 (kominn/core/paging.py):
# past them, the filters and search narrow the list, and no page reads further than that.
KOMINN_LIST_MAX_PAGES = env_int("KOMINN_LIST_MAX_PAGES", 50)

# Other KomInn installations whose shared initiatives `manage.py sync_shared` pulls into
# this one's sharing bank: the addresses of their feeds (https://<host>/deling/eksport.json),
# separated by commas. Empty: none.
KOMINN_SHARING_PEERS = env_list("KOMINN_SHARING_PEERS", [])

# Failed log-ins from one address, whatever the accounts, within a quarter of an hour
# before that address must wait. (One account from one address: 5.)
KOMINN_LOGIN_ADDRESS_LIMIT = env_int("KOMINN_LOGIN_ADDRESS_LIMIT", 50)

# Load tests only (scripts/loadtest.py): mounts /__floor__/, a hello-world page through the
# whole middleware stack that the other pages are measured against. Never in production.
KOMINN_LOADTEST = env_bool("KOMINN_LOADTEST", False)

# Languages: the organisation's language form (Organisation.language: bokmål or nynorsk) at
# the root, the other form under /nb/ or /nn/, English under /en/. LANGUAGE_CODE is the form
# when no organisation decides (mail outside a request, a site with no organisation yet).
LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", _("Norwegian bokmål")), ("nn", _("Norwegian nynorsk")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Oslo"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "kominn" / "static",
    ("vendor/designsystemet", NODE_MODULES / "@digdir" / "designsystemet-css" / "dist" / "src"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
]
# Inter, the theme's typeface (npm @fontsource-variable/inter, SIL Open Font License); the
# pages fall back to the system's sans-serif until it is installed.
INTER_FONT_DIR = NODE_MODULES / "@fontsource-variable" / "inter" / "files"
if INTER_FONT_DIR.is_dir():
    STATICFILES_DIRS.append(("vendor/inter", INTER_FONT_DIR))


def _media_storage() -> tuple[dict, list[str]]:
    """Where uploaded files are kept, and the origin a browser fetches them from when that is
    not KomInn's own (for the Content-Security-Policy).

    On the local disk under MEDIA_ROOT; or, when KOMINN_S3_BUCKET is set, in a private
    bucket of S3-compatible object storage, so app servers share nothing on disk. Either
    way pages link to /media/, whose view checks who may see the file (docs/production.md).
    """
    bucket = env_str("KOMINN_S3_BUCKET")
    if not bucket:
        local = {"location": env_str("MEDIA_ROOT", str(VAR_DIR / "media"))}
        return {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": local}, []
    endpoint = env_str("KOMINN_S3_ENDPOINT_URL").rstrip("/")
    region = env_str("KOMINN_S3_REGION")
    options = {
        "bucket_name": bucket,
        "signature_version": "s3v4",
        # Under the endpoint's own host name (path style), or the bucket's name at Amazon's:
        # one origin either way, which the Content-Security-Policy names.
        "addressing_style": "path" if endpoint else "virtual",
    }
    if endpoint:
        options["endpoint_url"] = endpoint
    if region:
        options["region_name"] = region
    # Without these, boto3 finds credentials itself: AWS_ACCESS_KEY_ID and
    # AWS_SECRET_ACCESS_KEY, a profile, or the server's role.
    if env_str("KOMINN_S3_ACCESS_KEY_ID"):
        options["access_key"] = env_str("KOMINN_S3_ACCESS_KEY_ID")
        options["secret_key"] = env_str("KOMINN_S3_SECRET_ACCESS_KEY")
    if endpoint:
        scheme, _, rest = endpoint.partition("://")
        origin = f"{scheme}://{rest.split('/', 1)[0]}"
    elif region in ("", "us-east-1"):
        origin = f"https://{bucket}.s3.amazonaws.com"
    else:
        origin = f"https://{bucket}.s3.{region}.amazonaws.com"
    return {"BACKEND": "kominn.core.storage.S3MediaStorage", "OPTIONS": options}, [origin]


MEDIA_STORAGE, MEDIA_ORIGINS = _media_storage()
STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_URL = "/media/"

# E-mail: through SMTP when EMAIL_HOST is set, else written to files under var/mail/.
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "KomInn <kominn@asker.kommune.no>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Every mail is queued in the database and sent by `manage.py send_mail_queue`.
KOMINN_MAIL_WORKER_INTERVAL = env_int("KOMINN_MAIL_WORKER_INTERVAL", 5)
KOMINN_MAIL_MAX_ATTEMPTS = env_int("KOMINN_MAIL_MAX_ATTEMPTS", 12)
# Links in mail written without a request (e.g. by commands); see outbox.services.absolute_url.
KOMINN_BASE_URL = env_str("KOMINN_BASE_URL")
if env_str("EMAIL_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": env_str("EMAIL_HOST"),
                "port": env_int("EMAIL_PORT", 587),
                "username": env_str("EMAIL_HOST_USER"),
                "password": env_str("EMAIL_HOST_PASSWORD"),
                "use_tls": env_bool("EMAIL_USE_TLS", True),
                "timeout": 30,
            },
        }
    }
else:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": str(VAR_DIR / "mail")},
        }
    }

# Periodic jobs, run by `manage.py run_scheduler` (or by cron instead), in TIME_ZONE.
# Every one of them may run again safely: none mails anything twice.
KOMINN_SCHEDULE = [
    {"command": "notify_news", "every_minutes": 5},
    {"command": "notify_phase_changes", "every_minutes": 5},
    {"command": "send_digests", "daily_at": "07:00"},
    {"command": "remind_overdue", "daily_at": "08:00"},
    {"command": "send_event_reminders", "every_minutes": 60},
    # New needs that suit each person who asked (kominn/collaboration/digest.py).
    {"command": "send_needs_digest", "daily_at": "07:15"},
    {"command": "purge_old_data", "daily_at": "03:30"},
    # Other installations' shared initiatives into the bank; nothing without peers.
    {"command": "sync_shared", "every_minutes": 60},
]

# How long the link that confirms a newsletter sign-up works.
NEWSLETTER_CONFIRM_DAYS = env_int("NEWSLETTER_CONFIRM_DAYS", 3)

# Cache: shared by every process and app server, since log-in throttling and rate limits
# count in it. A Redis server when REDIS_URL names one, else a table in the database
# (`migrate` creates it). Never a cache per process: each would count on its own.
# Pages for visitors are kept in the `pages` cache (kominn/core/pagecache.py): in Redis too
# when there is one, else in each process's memory, never in the database (a page read
# from there costs about what rendering it does). Whether a kept page is still current
# is asked of `default`, which every process shares.
if env_str("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env_str("REDIS_URL"),
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env_str("REDIS_URL"),
            "KEY_PREFIX": "pages",
        },
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "kominn_cache",
            # Room for many counters, so nobody can push a throttle's count out by
            # filling the cache (Django's default keeps only 300 entries).
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "kominn-pages",
            # Pages weigh tens of kilobytes (up to about 130): 300 of them, about 15 MB per
            # process, hold every page most visitors ask for. A thousand filled 50 MB and
            # more of each worker under the load test (docs/benchmarks.md).
            "OPTIONS": {"MAX_ENTRIES": 300},
        },
    }
# Seconds a page for visitors is kept at most; 0 keeps none. Any change a visitor could
# see replaces it at once; the limit is for what changes with the clock alone.
KOMINN_PAGE_CACHE_SECONDS = env_int("KOMINN_PAGE_CACHE_SECONDS", 60)
# Requests a minute one client address may make to the open data API and downloads.
KOMINN_API_RATE_LIMIT = env_int("KOMINN_API_RATE_LIMIT", 300)

# Security. Production (DEBUG off) gets HTTPS-only cookies and HSTS.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SAMESITE = "Lax"
# Trying production settings on one's own machine (`make serve`) over http://127.0.0.1:
# cookies without the Secure flag, no redirect to HTTPS and no HSTS. Never in production.
PLAIN_HTTP = env_bool("KOMINN_PLAIN_HTTP", False)
HTTPS_ONLY = not DEBUG and not PLAIN_HTTP
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = HTTPS_ONLY
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", HTTPS_ONLY)
# The load balancer's health probe speaks plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^helse/$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000) if HTTPS_ONLY else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
TRUST_X_FORWARDED_FOR = env_bool("TRUST_X_FORWARDED_FOR", False)
if env_bool("TRUST_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    # Images in object storage come by a redirect to its signed addresses.
    "img-src": [CSP.SELF, "data:", *MEDIA_ORIGINS],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "filters": {"without_traceback": {"()": "kominn.core.logfilters.WithoutTraceback"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        # Scanners send requests for host names KomInn does not serve: one line each.
        "django.security.DisallowedHost": {"filters": ["without_traceback"]},
    },
}
