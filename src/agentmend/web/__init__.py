"""The only HTTP client agentmend points at a URL a repository names: linked exports (`fetch.py`)."""
