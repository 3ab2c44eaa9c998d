"""Conversation checkpoints and account memory (checkpointer and store factories)."""
