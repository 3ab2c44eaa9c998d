"""Compile the shopping model for Neuron: `python -m serving.neuron.compile CONFIG.toml`.

`--dry-run` prints the plan (compile, serve, point shopgraph) and never imports optimum.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from serving.neuron.config import ConfigError, NeuronBuild, load_build
from serving.neuron.export import export_kwargs
from serving.neuron.plan import render_plan

MISSING_OPTIMUM = (
    "optimum-neuron is not installed: pip install 'shopgraph[neuron]' "
    "on an Inf2/Trn1 host with the Neuron SDK"
)


class NeuronUnavailableError(RuntimeError):
    """optimum-neuron (and so the Neuron SDK) is not importable here."""


def compile_model(build: NeuronBuild) -> Path:
    """Compile the build with optimum-neuron and save it to `build.output_dir`.

    Only works on an Inf2/Trn1 host: the compiler targets the devices it runs on.

    Args:
        build: The validated build.

    Returns:
        The directory holding the compiled model.

    Raises:
        NeuronUnavailableError: When optimum-neuron cannot be imported.
    """
    try:
        from optimum.neuron import NeuronModelForCausalLM  # type: ignore[import-not-found]
    except ImportError as exc:
        raise NeuronUnavailableError(MISSING_OPTIMUM) from exc
    model = NeuronModelForCausalLM.from_pretrained(build.model, export=True, **export_kwargs(build))
    model.save_pretrained(str(build.output_dir))
    return build.output_dir


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m serving.neuron.compile",
        description="Compile the shopping model for AWS Neuron (Inf2/Trn1).",
    )
    parser.add_argument("config", type=Path, help="TOML build config (see example.toml)")
    parser.add_argument(
        "--dry-run", action="store_true", help="print the compile and serve plan; run nothing"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line.

    Args:
        argv: Arguments after the program name; `sys.argv[1:]` when None.

    Returns:
        0 on success, 1 when optimum-neuron is missing, 2 for a bad config or bad arguments.
    """
    args = _parser().parse_args(argv)
    try:
        build = load_build(args.config)
    except ConfigError as exc:
        for problem in exc.problems:
            print(f"error: {exc.source}: {problem}", file=sys.stderr)
        return 2
    if args.dry_run:
        print(render_plan(build, str(args.config)), end="")
        return 0
    try:
        out = compile_model(build)
    except NeuronUnavailableError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"compiled {build.model} to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
