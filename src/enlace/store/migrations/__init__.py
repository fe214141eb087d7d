"""Alembic migrations of the enlace store."""
