"""The one loader for prompt files: ``prompts/NAME.md`` with ``$variable`` placeholders.

``$name`` (or ``${name}``) placeholders are filled from keyword arguments; a placeholder
without a value, or a value without a placeholder, is an error, so a prompt edit and the
code that fills it can't drift apart silently. ``$$`` writes a literal dollar sign.
Lines starting with ``<!--`` and ending with ``-->`` are notes for prompt engineers and
never reach a model.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from string import Template

_NOTE = re.compile(r"^<!--.*?-->\n?", re.MULTILINE | re.DOTALL)


class PromptError(LookupError):
    """A prompt file is missing or does not match the variables given to it."""


@cache
def prompt_text(name: str) -> str:
    """The text of ``prompts/NAME.md``, with editors' notes removed."""
    path = resources.files("prompts").joinpath(f"{name}.md")
    if not path.is_file():
        raise PromptError(f"no prompt file prompts/{name}.md")
    return _NOTE.sub("", path.read_text(encoding="utf-8")).strip() + "\n"


def prompt_names() -> list[str]:
    """Every prompt file's name (``prompts/*.md``), sorted."""
    files = resources.files("prompts").iterdir()
    return sorted(f.name.removesuffix(".md") for f in files if f.name.endswith(".md"))


def placeholders(name: str) -> set[str]:
    """The variables ``prompts/NAME.md`` expects."""
    template = Template(prompt_text(name))
    return set(template.get_identifiers())


def render_prompt(name: str, **variables: object) -> str:
    """``prompts/NAME.md`` with its placeholders filled from ``variables``."""
    expected = placeholders(name)
    missing = expected - variables.keys()
    unused = variables.keys() - expected
    if missing or unused:
        raise PromptError(
            f"prompts/{name}.md: missing {sorted(missing)}, not in the file {sorted(unused)}"
        )
    return Template(prompt_text(name)).substitute({k: str(v) for k, v in variables.items()})
