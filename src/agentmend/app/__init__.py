"""The GitHub App: webhook server, event routing, background jobs and comment commands."""
