"""Held-out evaluation corpora: seeded generators that write a repository plus its ground truth.

Written blind to agentmend's detection and clustering code, so they measure it rather than mirror it.
"""
