"""Alembic environment of the HQ database. hq.db passes its engine in
`config.attributes["engine"]`; `script_location` is set in code (hq/db.py)."""
from alembic import context

from hq.models import Base

config = context.config
engine = config.attributes.get("engine")
if engine is None:  # `alembic` run by hand: SAFELAND_HQ_DATABASE_URL or the default
    from hq.db import default_url, make_engine

    engine = make_engine(default_url())

with engine.connect() as connection:
    context.configure(connection=connection, target_metadata=Base.metadata,
                      render_as_batch=connection.dialect.name == "sqlite", compare_type=True)
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
