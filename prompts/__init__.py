"""Prompt files that prompt engineers edit (``*.md``), and their loader."""
