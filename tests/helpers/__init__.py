"""Helpers shared by several test folders: the HQ harness (synchq) and the database templates
(databases). Registered as pytest plugins by tests/conftest.py."""
