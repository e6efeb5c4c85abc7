"""The loop over a forge and the state database: analyse and propose (`propose.py`), watch what was merged
(`watch.py`). The steps themselves are the core packages; this layer reads, calls them and persists.
"""
