"""Command lines that serve a compiled model: TGI (Neuron backend) and vLLM, plus host sizing."""

from __future__ import annotations

from serving.neuron.config import NeuronBuild

CORES_PER_DEVICE = 2
"""NeuronCores per Inferentia2 or Trainium1 device (`/dev/neuronN`)."""

INSTANCE_CORES = {
    "inf2.xlarge": 2,
    "inf2.8xlarge": 2,
    "inf2.24xlarge": 12,
    "inf2.48xlarge": 24,
    "trn1.2xlarge": 2,
    "trn1.32xlarge": 32,
}
"""NeuronCores on each Inf2/Trn1 instance size."""

CONTAINER_MODEL_DIR = "/data/model"
"""Where the TGI container sees the compiled model."""


def devices_needed(build: NeuronBuild) -> int:
    """Count the Neuron devices the build's cores span.

    Args:
        build: The validated build.

    Returns:
        How many `/dev/neuronN` devices the server must be given.
    """
    return -(-build.num_cores // CORES_PER_DEVICE)


def fitting_instances(build: NeuronBuild) -> list[str]:
    """List the instance sizes with enough NeuronCores for the build.

    Args:
        build: The validated build.

    Returns:
        Instance type names, smallest first within each family.
    """
    return [name for name, cores in INSTANCE_CORES.items() if cores >= build.num_cores]


def tgi_command(build: NeuronBuild) -> list[str]:
    """Build the `docker run` argv for TGI's Neuron backend serving the compiled model.

    The launcher limits match the compiled shapes, as the backend requires: batch size,
    total tokens equal to the sequence length, and a prompt limit below it.

    Args:
        build: The validated build.

    Returns:
        The argv, ready for `subprocess.run` or `shlex.join`.
    """
    devices = [f"--device=/dev/neuron{index}" for index in range(devices_needed(build))]
    env = {
        "HF_BATCH_SIZE": build.batch_size,
        "HF_SEQUENCE_LENGTH": build.sequence_length,
        "HF_NUM_CORES": build.num_cores,
        "HF_AUTO_CAST_TYPE": build.auto_cast_type,
    }
    env_args = [part for key, value in env.items() for part in ("-e", f"{key}={value}")]
    return [
        "docker", "run", "--rm",
        "-p", f"{build.port}:80",
        "-v", f"{build.output_dir.resolve()}:{CONTAINER_MODEL_DIR}",
        *devices,
        *env_args,
        build.tgi_image,
        "--model-id", CONTAINER_MODEL_DIR,
        "--max-batch-size", str(build.batch_size),
        "--max-input-length", str(build.input_length),
        "--max-total-tokens", str(build.sequence_length),
        "--max-batch-prefill-tokens", str(build.batch_size * build.input_length),
    ]  # fmt: skip


def vllm_command(build: NeuronBuild) -> list[str]:
    """Build the `vllm serve` argv for the Neuron platform serving the compiled model.

    No `--device` flag: vLLM picks the Neuron platform when the Neuron plugin is installed.

    Args:
        build: The validated build.

    Returns:
        The argv, ready for `subprocess.run` or `shlex.join`.
    """
    return [
        "vllm", "serve", str(build.output_dir),
        "--tensor-parallel-size", str(build.num_cores),
        "--max-num-seqs", str(build.batch_size),
        "--max-model-len", str(build.sequence_length),
        "--served-model-name", build.served_model_name,
        "--port", str(build.port),
    ]  # fmt: skip


def endpoint_url(build: NeuronBuild, host: str = "<host>") -> str:
    """Give the OpenAI-compatible base URL shopgraph should call.

    Args:
        build: The validated build.
        host: The Neuron host's name or address.

    Returns:
        The base URL; clients append `/chat/completions`.
    """
    return f"http://{host}:{build.port}/v1"
