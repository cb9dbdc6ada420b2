"""Configuration from the environment, read in one place.

    settings = Settings.from_env(os.environ)

Every variable is documented in README.md. A missing or invalid variable raises ConfigError naming it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConfigError
from .mail import ImapConfigError, ImapSettings, MailConfigError, MailSettings

DEFAULT_API_URL = "https://api.telegram.org/bot"
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


@dataclass(frozen=True)
class Settings:
    """What the bot needs to run."""

    telegram_token: str = ""
    telegram_api_url: str = DEFAULT_API_URL
    knowledge_dir: Path = Path("knowledge")
    database_path: Path = Path("var/bot.sqlite3")
    database_url: str = ""  # postgres(ql)://... (DATABASE_URL): PostgreSQL, which wins over database_path
    admin_ids: frozenset[int] = field(default_factory=frozenset)
    webhook_url: str = ""
    webhook_secret: str = ""
    port: int = 8080
    host: str = "0.0.0.0"
    posting_url: str = ""  # template for a posting's page, e.g. https://example.org/jobs/{stem}
    mail: MailSettings = field(default_factory=MailSettings)
    default_contact: str = ""  # where questions go for postings that name no contact
    answer_token_days: int = 30  # how long a recruiter's answer link stays valid
    outbox_interval: float = 5.0  # seconds between two looks at the outbox (a new forward wakes it at once)
    retention_days: int = 180  # questions and forwards older than this are purged daily
    questions_per_minute: int = 20  # per candidate; 0 means no limit
    telegram_rate_limit: bool = True  # respect Telegram's send limits (PTB's AIORateLimiter, retry on 429)
    watch: bool = False  # reload the knowledge when its files change (`run --watch`)
    outbox_first_retry: float = 30.0  # seconds before the first retry of a failed delivery, doubled each time
    imap: ImapSettings = field(default_factory=ImapSettings)  # the mailbox of recruiters' replies (IMAP_*)
    public_url: str = ""  # PUBLIC_URL: where the web answer page is reached, e.g. https://bot.example.org
    cache_dir: Path | None = None  # where the built index is cached (CACHE_DIR); None: `cache` beside the database
    forward_lease: float = 300.0  # seconds a process holds a forward it delivers before another may take it over

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> Settings:
        """Read the settings from an environment mapping (os.environ, or a dict in tests)."""
        admin_ids = frozenset(_int(env, "ADMIN_IDS", part.strip())
                              for part in env.get("ADMIN_IDS", "").split(",") if part.strip())
        port_text = env.get("PORT", "").strip()
        port = _int(env, "PORT", port_text) if port_text else 8080
        if not 0 < port < 65536:
            raise ConfigError(f"PORT={port_text} is not a TCP port: give a number from 1 to 65535")
        api_url = env.get("TELEGRAM_API_URL", "").strip() or DEFAULT_API_URL
        if not api_url.startswith(("http://", "https://")):
            raise ConfigError(f"TELEGRAM_API_URL={api_url} is not an http(s) URL: give the Bot API base URL, "
                              f"e.g. {DEFAULT_API_URL}")
        webhook_url = env.get("WEBHOOK_URL", "").strip()
        if webhook_url and not webhook_url.startswith("https://") and not webhook_url.startswith("http://127."):
            raise ConfigError(f"WEBHOOK_URL={webhook_url} must be an https:// URL (Telegram only calls https)")
        posting_url = env.get("POSTING_URL", "").strip()
        if posting_url and "{" in posting_url and not any(k in posting_url for k in ("{stem}", "{slug}")):
            raise ConfigError("POSTING_URL may only use the placeholders {stem} and {slug}")
        default_contact = env.get("DEFAULT_CONTACT", "").strip()
        if default_contact and not _EMAIL.fullmatch(default_contact):
            raise ConfigError(f"DEFAULT_CONTACT={default_contact} is not an email address")
        days_text = env.get("ANSWER_TOKEN_DAYS", "").strip()
        days = _int(env, "ANSWER_TOKEN_DAYS", days_text) if days_text else 30
        if days < 1:
            raise ConfigError(f"ANSWER_TOKEN_DAYS={days_text} must be at least 1 (days)")
        retention_text = env.get("RETENTION_DAYS", "").strip()
        retention = _int(env, "RETENTION_DAYS", retention_text) if retention_text else 180
        if retention < 1:
            raise ConfigError(f"RETENTION_DAYS={retention_text} must be at least 1 (days)")
        rate_text = env.get("RATE_LIMIT_PER_MINUTE", "").strip()
        rate = _int(env, "RATE_LIMIT_PER_MINUTE", rate_text) if rate_text else 20
        if rate < 0:
            raise ConfigError(f"RATE_LIMIT_PER_MINUTE={rate_text} must be 0 (no limit) or more")
        database_url = env.get("DATABASE_URL", "").strip()
        if database_url and not database_url.startswith(("postgres://", "postgresql://")):
            raise ConfigError(f"DATABASE_URL must be a PostgreSQL URL (postgres://user:password@host:port/name), "
                              f"not {database_url.split(':', 1)[0]}:...; unset it to use DATABASE_PATH (SQLite)")
        lease_text = env.get("FORWARD_LEASE_SECONDS", "").strip()
        lease = _int(env, "FORWARD_LEASE_SECONDS", lease_text) if lease_text else 300
        if lease < 1:
            raise ConfigError(f"FORWARD_LEASE_SECONDS={lease_text} must be at least 1 (seconds)")
        try:
            mail = MailSettings.from_env(env)
        except MailConfigError as exc:
            raise ConfigError(str(exc)) from None
        try:
            imap = ImapSettings.from_env(env)
        except ImapConfigError as exc:
            raise ConfigError(str(exc)) from None
        public_url = env.get("PUBLIC_URL", "").strip().rstrip("/")
        if (public_url and not (public_url.startswith("https://") or public_url.startswith("http://127.")
                               or public_url.startswith("http://localhost"))) or any(c.isspace() for c in public_url):
            raise ConfigError(f"PUBLIC_URL={public_url} must be an https:// URL (the web answer page's address, "
                              f"e.g. https://bot.example.org)")
        return cls(
            telegram_token=env.get("TELEGRAM_TOKEN", "").strip(),
            telegram_api_url=api_url.rstrip("/"),
            knowledge_dir=Path(env.get("KNOWLEDGE_DIR", "").strip() or "knowledge"),
            database_path=Path(env.get("DATABASE_PATH", "").strip() or "var/bot.sqlite3"),
            database_url=database_url,
            admin_ids=admin_ids,
            webhook_url=webhook_url,
            webhook_secret=env.get("WEBHOOK_SECRET", "").strip(),
            port=port,
            host=env.get("HOST", "").strip() or "0.0.0.0",
            posting_url=posting_url,
            mail=mail,
            default_contact=default_contact.lower(),
            answer_token_days=days,
            retention_days=retention,
            questions_per_minute=rate,
            imap=imap,
            public_url=public_url,
            cache_dir=Path(env["CACHE_DIR"].strip()) if env.get("CACHE_DIR", "").strip() else None,
            forward_lease=float(lease),
        )

    @property
    def index_cache_dir(self) -> Path:
        """The folder of the index cache: CACHE_DIR, else `cache` beside the database."""
        return self.cache_dir if self.cache_dir is not None else self.database_path.parent / "cache"

    @property
    def database_location(self) -> str | Path:
        """Where the bot keeps its data: DATABASE_URL when set (no SQLite file is then written), else the
        SQLite file DATABASE_PATH."""
        return self.database_url or self.database_path

    def describe_database(self) -> str:
        """The database for logs: the URL without its password, or the SQLite file."""
        return safe_database_url(self.database_url) if self.database_url else str(self.database_path)

    def require_token(self) -> str:
        """The bot token, or a ConfigError saying how to get one."""
        if not self.telegram_token:
            raise ConfigError("TELEGRAM_TOKEN is missing: create a bot with @BotFather and export "
                              "TELEGRAM_TOKEN=<its token> (or try 'python -m bot chat', which needs none)")
        return self.telegram_token

    def require_webhook(self) -> tuple[str, str]:
        """The webhook URL and secret token, or a ConfigError naming the missing one."""
        if not self.webhook_url:
            raise ConfigError("WEBHOOK_URL is missing: give the public https:// URL Telegram should call")
        secret = self.webhook_secret
        if not secret:
            raise ConfigError("WEBHOOK_SECRET is missing: give a random string of 1-256 characters "
                              "([A-Za-z0-9_-]); requests without it are refused")
        if len(secret) > 256 or not all(c.isascii() and (c.isalnum() or c in "_-") for c in secret):
            raise ConfigError("WEBHOOK_SECRET must be 1-256 characters among A-Z, a-z, 0-9, _ and -")
        return self.webhook_url, secret

    def describe(self) -> str:
        """The settings for the start-up log, secrets masked."""
        token = self.telegram_token
        masked = f"{token[:4]}…({len(token)} chars)" if token else "(none)"
        return (f"token={masked} api={self.telegram_api_url} knowledge={self.knowledge_dir} "
                f"database={self.describe_database()} admins={len(self.admin_ids)} "
                f"webhook={self.webhook_url or '(polling)'} secret={'set' if self.webhook_secret else '(none)'} "
                f"port={self.port} mail={self.mail.describe()} "
                f"default_contact={'set' if self.default_contact else '(none)'} {self.imap.describe()} "
                f"public_url={self.public_url or '(none)'}")


def safe_database_url(url: str) -> str:
    """A database URL with its password replaced by ***, to name the database in logs and errors."""
    scheme, sep, rest = url.partition("://")
    credentials, at, host = rest.rpartition("@")
    if not sep or not at or ":" not in credentials:
        return url
    return f"{scheme}://{credentials.split(':', 1)[0]}:***@{host}"


def _int(env: Mapping[str, str], name: str, text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise ConfigError(f"{name}={env.get(name, '')} is invalid: '{text}' is not a whole number") from None
