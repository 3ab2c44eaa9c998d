"""The streaming chat API (FastAPI + server-sent events)."""
