"""Alembic environment for the field database. The app passes its engine in
`config.attributes["engine"]`; `script_location` is set in code (app/db.py)."""
from alembic import context

from app.models import Base

config = context.config
engine = config.attributes.get("engine")
if engine is None:  # `alembic` run by hand: use SAFELAND_DB or the default path
    from app.db import default_path, make_engine

    engine = make_engine(default_path())

with engine.connect() as connection:
    context.configure(connection=connection, target_metadata=Base.metadata,
                      render_as_batch=True, compare_type=True)
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
