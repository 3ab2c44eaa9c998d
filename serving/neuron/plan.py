"""The dry-run plan: everything an operator runs on the Neuron host, as text (pure)."""

from __future__ import annotations

import shlex
import textwrap

from serving.neuron.config import NeuronBuild
from serving.neuron.export import export_command, python_equivalent
from serving.neuron.serve import (
    devices_needed,
    endpoint_url,
    fitting_instances,
    tgi_command,
    vllm_command,
)


def render_plan(build: NeuronBuild, source: str) -> str:
    """Describe the compile and serve steps for a build without running any of them.

    Args:
        build: The validated build.
        source: Where the build came from (the config path), shown in the heading.

    Returns:
        The plan as printable text, ending in a newline.
    """
    devices = devices_needed(build)
    lines = [
        f"Neuron build plan for {source}",
        f"  model:   {build.model}",
        f"  output:  {build.output_dir}",
        f"  shapes:  batch_size={build.batch_size} sequence_length={build.sequence_length} "
        f"max_input_length={build.input_length}",
        f"  compile: num_cores={build.num_cores} auto_cast_type={build.auto_cast_type}",
        "",
        f"Host: {build.num_cores} NeuronCore(s) on {devices} Neuron device(s); "
        f"fits {', '.join(fitting_instances(build))}",
        "",
        "1. Compile (on the Neuron host; optimum-cli):",
        f"  {shlex.join(export_command(build))}",
        "   or the Python equivalent:",
        textwrap.indent(python_equivalent(build), "    ").rstrip("\n"),
        "",
        "2. Serve with TGI (Neuron backend):",
        f"  {shlex.join(tgi_command(build))}",
        "   or with vLLM (Neuron platform):",
        f"  {shlex.join(vllm_command(build))}",
        "",
        "3. Point shopgraph at it: set the `neuron-custom` endpoint in the model registry to",
        f"  {endpoint_url(build)}  (OpenAI-compatible: /v1/chat/completions)",
    ]
    return "\n".join(lines) + "\n"
