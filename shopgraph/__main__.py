"""``python -m shopgraph``."""

from shopgraph.cli import app

app()
