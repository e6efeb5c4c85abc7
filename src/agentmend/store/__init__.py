"""Persistent state (SQLAlchemy 2 + alembic).

Embedding cache, cluster memory, runs, changes, cooldowns, watches, webhook deliveries.
"""
