"""Prompt files that prompt engineers edit (``*.md``), and their loader."""

from prompts.loader import PromptError, placeholders, prompt_names, prompt_text, render_prompt

__all__ = ["PromptError", "placeholders", "prompt_names", "prompt_text", "render_prompt"]
