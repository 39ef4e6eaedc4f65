"""Safeland headquarters service: receives daily reports from enrolled devices and hands them
the sites assigned to their unit (FastAPI under uvicorn; SQLite by default, PostgreSQL in
production). Never imports Qt or app.ui."""
