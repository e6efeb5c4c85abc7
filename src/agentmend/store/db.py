"""Open the state database and bring its schema up to date with alembic."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from agentmend.paths import repo_state_dir

MIGRATIONS = Path(__file__).parent / "migrations"


def default_url(repo_root: Path) -> str:
    """The embedded default: SQLite in the repository's folder of agentmend's state dir (`paths.py`).

    Never inside the work tree: a `.agentmend/state.db` committed by an untrusted repository would
    otherwise be trusted as agentmend's own memory, and a database there shows up in `git status`.
    """
    state = repo_state_dir(repo_root)
    state.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{state / 'state.db'}"


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def _sqlite_pragmas(dbapi_conn: object, _record: object) -> None:
    cur = dbapi_conn.cursor()  # type: ignore[attr-defined]
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def open_engine(url: str, migrate: bool = True) -> Engine:
    """Create an engine; with `migrate`, run alembic to head first (idempotent)."""
    engine = create_engine(url, future=True)
    if url.startswith("sqlite"):
        event.listen(engine, "connect", _sqlite_pragmas)
    if migrate:
        cfg = alembic_config(url)
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    return engine


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False, future=True)
