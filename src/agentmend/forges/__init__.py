"""The Forge door: the only way agentmend reads or changes a repository."""
