"""The Model door: the only way agentmend talks to an LLM."""
