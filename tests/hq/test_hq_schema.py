"""HQ's migrations: one linear chain, and a fresh upgrade gives exactly the models' schema."""
from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory


def test_migrations_are_linear_and_match_the_models(hq_db):
    from hq.db import alembic_config
    from hq.models import Base

    script = ScriptDirectory.from_config(alembic_config())
    assert len(script.get_heads()) == 1
    with hq_db.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        assert ctx.get_current_revision() == script.get_current_head()
        assert compare_metadata(ctx, Base.metadata) == []
