"""Alembic environment: run by `pipeline.store.migrate` with an open connection.

From the command line (a developer writing a new revision):

    JIXIAO_DATABASE_URL=sqlite:///var/jixiao.db \
        alembic -c pipeline/migrations/alembic.ini revision --autogenerate -m "..."
"""

from __future__ import annotations

from alembic import context

from pipeline import settings
from pipeline.store import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_offline() -> None:
    context.configure(url=settings.get().db_url, target_metadata=target_metadata, literal_binds=True,
                      render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def _run(connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    from pipeline.store import _engine

    engine = _engine(settings.get().db_url)
    with engine.begin() as conn:
        _run(conn)


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
