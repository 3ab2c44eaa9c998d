"""Finding an external dataset's file from ``--data``, whichever folder it names.

``--data`` may be the shared data folder (``../shared/data``), the dataset's own folder
(``../shared/data/epqa``) or the file itself: ``shopgraph eval retrieval --data
../shared/data/epqa`` and ``--data ../shared/data`` both find ``epqa/questions.jsonl``.
Without ``--data`` the file is looked up under ``../shared/data``. An absent file skips
the part that needs it (``SuiteSkipped``), with the path it looked for.
"""

from __future__ import annotations

from pathlib import Path

from evals.suite import EvalContext, SuiteSkipped


def external_file(context: EvalContext, folder: str, name: str) -> Path:
    """The dataset file ``folder/name``: under ``--data`` when given, else the shared data.

    A ``--data`` file is used only when it has the same name, so one run's file is never
    read as another dataset's.
    """
    if context.data is None:
        return context.shared_path(folder, name)
    data = context.data
    candidates = [data] if data.is_file() else [data / folder / name, data / name]
    for candidate in candidates:
        if candidate.is_file() and candidate.name == name:
            return candidate
    raise SuiteSkipped(f"--data {data} holds no {folder}/{name}")
