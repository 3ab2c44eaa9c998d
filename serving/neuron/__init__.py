"""Compile the shopping model for AWS Neuron and serve it behind an OpenAI-compatible API.

Nothing here imports optimum-neuron at import time: plans and command lines are pure, and
only `serving.neuron.compile.compile_model` imports it, on an Inf2/Trn1 host.
"""

from serving.neuron.config import ConfigError, NeuronBuild, load_build

__all__ = ["ConfigError", "NeuronBuild", "load_build"]
