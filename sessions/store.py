"""The session database: every user's variants, settings and language, saved as they change.

SQLite in a file by default (zero set-up); PostgreSQL (or any SQLAlchemy URL) when
``ENERGY_SCENARIOS_DATABASE_URL`` names one, so several app processes behind a load balancer
share sessions. A session is found only by its token: 32 random bytes from :mod:`secrets`
(256 bits, URL-safe text), carried in the page's URL. Nothing but the scenario variants and
their settings is stored; sessions untouched for ``ENERGY_SCENARIOS_SESSION_DAYS`` days (30 by
default) are deleted.

Two tables: ``sessions`` (token, the state as JSON: language, open variant, settings, the
variants' names and content digests; created/updated times) and ``session_scenarios`` (token,
digest, the scenario's bytes from :mod:`sessions.codec`). Saving writes only the scenarios not
stored yet and drops those no longer used, in one transaction.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import secrets
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace

from sessions.codec import decode_scenario, decode_settings, encode_scenario, encode_settings
from workbook.model import Scenario

URL_ENV = "ENERGY_SCENARIOS_DATABASE_URL"
DAYS_ENV = "ENERGY_SCENARIOS_SESSION_DAYS"
DATA_DIR_ENV = "ENERGY_SCENARIOS_DATA_DIR"
DEFAULT_DAYS = 30.0
TOKEN_BYTES = 32
#: what a token looks like (``secrets.token_urlsafe(32)``): anything else is never looked up
TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{43}$")



@lru_cache(maxsize=1)
def _schema() -> SimpleNamespace:
    """SQLAlchemy (``sa``) and the two tables (``metadata``, ``sessions_table``,
    ``scenarios_table``), built on first use: SQLAlchemy's import (about 0.2 s) is paid when the
    first session is loaded or saved, not by every import of this module (the app's first page)."""
    import sqlalchemy as sa

    metadata = sa.MetaData()
    sessions_table = sa.Table(
        "sessions", metadata,
        sa.Column("token", sa.String(64), primary_key=True),
        sa.Column("state", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, index=True),
    )
    scenarios_table = sa.Table(
        "session_scenarios", metadata,
        sa.Column("token", sa.String(64), sa.ForeignKey("sessions.token", ondelete="CASCADE"), primary_key=True),
        sa.Column("digest", sa.String(64), primary_key=True),
        sa.Column("data", sa.LargeBinary, nullable=False),
    )
    return SimpleNamespace(sa=sa, metadata=metadata, sessions_table=sessions_table, scenarios_table=scenarios_table)


def _tables() -> tuple:
    """``(sa, sessions_table, scenarios_table)`` of :func:`_schema`."""
    schema = _schema()
    return schema.sa, schema.sessions_table, schema.scenarios_table


def __getattr__(name: str):
    """``metadata``, ``sessions_table`` and ``scenarios_table`` as module attributes (built on
    first use, :func:`_schema`)."""
    if name in ("metadata", "sessions_table", "scenarios_table"):
        return getattr(_schema(), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass
class SavedSession:
    """What a session holds between visits."""

    variants: dict[str, Scenario]
    current: str
    lang: str
    edited: bool = False
    trainer: bool = False
    settings: dict = field(default_factory=dict)


def new_token() -> str:
    """An unguessable session token: 256 random bits as 43 URL-safe characters."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def valid_token(token: object) -> bool:
    return isinstance(token, str) and bool(TOKEN_RE.match(token))


def scenario_digest(scenario: Scenario) -> str:
    """What identifies a stored scenario: its content and its name."""
    return hashlib.sha256(f"{scenario.content_key}\0{scenario.name}".encode()).hexdigest()


def default_url() -> str:
    """The database the app uses: ``ENERGY_SCENARIOS_DATABASE_URL``, else a SQLite file in
    ``ENERGY_SCENARIOS_DATA_DIR`` (default ``~/.local/share/energy-scenarios``)."""
    url = os.environ.get(URL_ENV, "").strip()
    if url:
        return url
    folder = Path(os.environ.get(DATA_DIR_ENV) or Path.home() / ".local" / "share" / "energy-scenarios")
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'sessions.sqlite3'}"


def expiry_days() -> float:
    try:
        days = float(os.environ.get(DAYS_ENV, DEFAULT_DAYS))
    except ValueError:
        return DEFAULT_DAYS
    return days if days > 0 else DEFAULT_DAYS


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _aware(value: dt.datetime) -> dt.datetime:
    # SQLite gives naive datetimes back (stored as UTC)
    return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)


class SessionStore:
    """Load and save sessions by token in one database (thread-safe; one per process and URL)."""

    def __init__(self, url: str, *, days: float | None = None):
        self.url = url
        self.days = days if days is not None else expiry_days()
        schema = _schema()
        sa = schema.sa
        kwargs: dict = {"future": True, "pool_pre_ping": True}
        if url.startswith("sqlite"):
            kwargs["connect_args"] = {"timeout": 30, "check_same_thread": False}
        self.engine = sa.create_engine(url, **kwargs)
        if url.startswith("sqlite"):
            @sa.event.listens_for(self.engine, "connect")
            def _sqlite_pragmas(conn, _record):  # pragma: no cover - exercised by every SQLite test
                cur = conn.cursor()
                cur.execute("PRAGMA journal_mode=WAL")
                cur.execute("PRAGMA foreign_keys=ON")
                cur.execute("PRAGMA busy_timeout=30000")
                cur.close()
        schema.metadata.create_all(self.engine)
        self._last_purge = 0.0
        self._lock = threading.Lock()

    # -- reading ---------------------------------------------------------------------------
    def load(self, token: str) -> SavedSession | None:
        """The session saved under ``token``, or None (unknown, malformed or expired)."""
        if not valid_token(token):
            return None
        sa, sessions_table, scenarios_table = _tables()
        self.purge_expired()
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(sessions_table.c.state, sessions_table.c.updated_at)
                               .where(sessions_table.c.token == token)).first()
            if row is None or _aware(row.updated_at) < _now() - dt.timedelta(days=self.days):
                return None
            state = json.loads(row.state)
            blobs = dict(conn.execute(sa.select(scenarios_table.c.digest, scenarios_table.c.data)
                                      .where(scenarios_table.c.token == token)).all())
        variants = {}
        for name, digest in state["variants"]:
            if digest not in blobs:
                return None  # a half-written session (cannot happen within a transaction)
            variants[name] = decode_scenario(bytes(blobs[digest]))
        if not variants:
            return None
        current = state["current"] if state["current"] in variants else next(iter(variants))
        return SavedSession(variants=variants, current=current, lang=state["lang"],
                            edited=bool(state.get("edited")), trainer=bool(state.get("trainer")),
                            settings=decode_settings(state.get("settings") or "{}"))

    # -- writing ---------------------------------------------------------------------------
    def save(self, token: str, session: SavedSession) -> None:
        """Store ``session`` under ``token`` (replacing what was there)."""
        if not valid_token(token):
            raise ValueError("not a session token")
        sa, sessions_table, scenarios_table = _tables()
        digests = {name: scenario_digest(scn) for name, scn in session.variants.items()}
        state = json.dumps({
            "variants": [[name, digests[name]] for name in session.variants],
            "current": session.current, "lang": session.lang, "edited": session.edited,
            "trainer": session.trainer, "settings": encode_settings(session.settings),
        }, ensure_ascii=False)
        now = _now()
        with self.engine.begin() as conn:
            updated = conn.execute(sa.update(sessions_table).where(sessions_table.c.token == token)
                                   .values(state=state, updated_at=now)).rowcount
            if not updated:
                conn.execute(sa.insert(sessions_table).values(token=token, state=state, created_at=now,
                                                              updated_at=now))
            stored = set(conn.execute(sa.select(scenarios_table.c.digest)
                                      .where(scenarios_table.c.token == token)).scalars())
            wanted = set(digests.values())
            gone = stored - wanted
            if gone:
                conn.execute(sa.delete(scenarios_table).where(scenarios_table.c.token == token,
                                                              scenarios_table.c.digest.in_(gone)))
            new = {d: name for name, d in digests.items() if d not in stored}
            if new:
                conn.execute(sa.insert(scenarios_table), [
                    {"token": token, "digest": d, "data": encode_scenario(session.variants[name])}
                    for d, name in new.items()])

    def delete(self, token: str) -> None:
        if not valid_token(token):
            return
        sa, sessions_table, scenarios_table = _tables()
        with self.engine.begin() as conn:
            conn.execute(sa.delete(scenarios_table).where(scenarios_table.c.token == token))
            conn.execute(sa.delete(sessions_table).where(sessions_table.c.token == token))

    def purge_expired(self, *, force: bool = False) -> int:
        """Delete sessions older than the expiry (at most once a minute unless ``force``);
        the number deleted."""
        import time
        with self._lock:
            if not force and time.monotonic() - self._last_purge < 60:
                return 0
            self._last_purge = time.monotonic()
        sa, sessions_table, scenarios_table = _tables()
        cutoff = _now() - dt.timedelta(days=self.days)
        with self.engine.begin() as conn:
            old = sa.select(sessions_table.c.token).where(sessions_table.c.updated_at < cutoff)
            conn.execute(sa.delete(scenarios_table).where(scenarios_table.c.token.in_(old)))
            return conn.execute(sa.delete(sessions_table).where(sessions_table.c.updated_at < cutoff)).rowcount

    def count(self) -> int:
        sa, sessions_table, _ = _tables()
        with self.engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(sessions_table)).scalar_one()


@lru_cache(maxsize=4)
def _store(url: str, days: float) -> SessionStore:
    return SessionStore(url, days=days)


def store() -> SessionStore:
    """The process's store for the configured database (created once per URL)."""
    return _store(default_url(), expiry_days())
