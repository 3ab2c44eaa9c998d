"""How optimum-neuron is asked to compile a build: CLI argv and the Python call (pure)."""

from __future__ import annotations

from serving.neuron.config import NeuronBuild


def export_kwargs(build: NeuronBuild) -> dict[str, int | str]:
    """Give the keyword arguments `NeuronModelForCausalLM.from_pretrained` compiles with.

    Args:
        build: The validated build.

    Returns:
        `export=True` aside, the input shapes and compiler arguments.
    """
    return {
        "batch_size": build.batch_size,
        "sequence_length": build.sequence_length,
        "num_cores": build.num_cores,
        "auto_cast_type": build.auto_cast_type,
    }


def export_command(build: NeuronBuild) -> list[str]:
    """Build the `optimum-cli export neuron` argv equivalent to `export_kwargs`.

    Args:
        build: The validated build.

    Returns:
        The argv, ready for `subprocess.run` or `shlex.join`.
    """
    argv = ["optimum-cli", "export", "neuron", "--model", build.model]
    for key, value in export_kwargs(build).items():
        argv += [f"--{key}", str(value)]
    return [*argv, str(build.output_dir)]


def python_equivalent(build: NeuronBuild) -> str:
    """Write the Python that compiles the build, as an operator would type it.

    Args:
        build: The validated build.

    Returns:
        A short script using `optimum.neuron.NeuronModelForCausalLM`.
    """
    kwargs = ", ".join(f"{key}={value!r}" for key, value in export_kwargs(build).items())
    return (
        "from optimum.neuron import NeuronModelForCausalLM\n"
        "\n"
        f"model = NeuronModelForCausalLM.from_pretrained(\n"
        f"    {build.model!r}, export=True, {kwargs}\n"
        ")\n"
        f"model.save_pretrained({str(build.output_dir)!r})\n"
    )
