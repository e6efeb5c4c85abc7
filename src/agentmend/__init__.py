"""agentmend: makes LLM agents better from their own production conversations."""
__version__ = "0.1.0"
