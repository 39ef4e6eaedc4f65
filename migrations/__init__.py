"""Alembic environment and revisions of the field database (see app/db.py)."""
