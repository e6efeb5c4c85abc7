from agentmend.cli import app

app()
