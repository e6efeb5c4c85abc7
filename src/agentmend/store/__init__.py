"""Persistent state (SQLAlchemy 2 + alembic): embedding cache, cluster memory, changes, watches, deliveries."""
