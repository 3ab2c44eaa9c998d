"""Neuron serving: build config, the exact compile/serve argv, and the dry run without optimum."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import pytest

from serving.neuron import compile as neuron_compile
from serving.neuron.config import ConfigError, NeuronBuild, load_build, parse_build
from serving.neuron.export import export_command, export_kwargs, python_equivalent
from serving.neuron.serve import devices_needed, fitting_instances, tgi_command, vllm_command

EXAMPLE = Path(__file__).resolve().parents[2] / "serving" / "neuron" / "example.toml"

GOOD: dict[str, object] = {
    "model": "acme/shop-llama-1b",
    "output_dir": "/srv/neuron/shop",
    "batch_size": 4,
    "sequence_length": 4096,
    "num_cores": 2,
    "auto_cast_type": "bf16",
}


def build(**changes: object) -> NeuronBuild:
    return parse_build({**GOOD, **changes})


def problems(**changes: object) -> list[str]:
    with pytest.raises(ConfigError) as caught:
        build(**changes)
    return caught.value.problems


def write_toml(path: Path, body: str) -> Path:
    path.write_text(body, encoding="utf-8")
    return path


# --- config -------------------------------------------------------------------------------


def test_a_good_config_validates_with_defaults() -> None:
    b = build()
    assert b.output_dir == Path("/srv/neuron/shop")
    assert b.port == 8080
    assert b.served_model_name == "shopgraph-shopping"
    assert b.input_length == 2048  # half the sequence when not given


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("batch_size", 0),
        ("batch_size", 65),
        ("sequence_length", 64),
        ("sequence_length", 65536),
        ("num_cores", 3),
        ("num_cores", 64),
        ("auto_cast_type", "int8"),
        ("model", ""),
        ("port", 0),
        ("max_input_length", 0),
    ],
)
def test_each_bad_field_is_refused_by_name(field: str, value: object) -> None:
    found = problems(**{field: value})
    assert len(found) == 1
    assert found[0].startswith(f"{field}: ")


def test_num_cores_message_lists_the_choices() -> None:
    assert problems(num_cores=3) == ["num_cores: must be one of 1, 2, 4, 8, 12, 16, 24, 32 (got 3)"]


def test_prompt_limit_must_leave_room_to_generate() -> None:
    (found,) = problems(max_input_length=4096)
    assert "max_input_length (4096) must be below sequence_length (4096)" in found


def test_missing_field_is_named() -> None:
    data = {key: value for key, value in GOOD.items() if key != "num_cores"}
    with pytest.raises(ConfigError) as caught:
        parse_build(data)
    assert caught.value.problems == ["num_cores: Field required"]


def test_unknown_key_is_refused(tmp_path: Path) -> None:
    path = write_toml(tmp_path / "b.toml", EXAMPLE.read_text() + "tp_degree = 2\n")
    with pytest.raises(ConfigError) as caught:
        load_build(path)
    (found,) = caught.value.problems
    assert found.startswith("tp_degree: unknown key (allowed: model, output_dir,")


def test_the_example_toml_loads() -> None:
    b = load_build(EXAMPLE)
    assert (b.batch_size, b.sequence_length, b.num_cores) == (4, 4096, 2)
    assert b.auto_cast_type == "bf16"
    assert b.input_length == 3072


def test_bad_toml_and_missing_file_are_config_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_build(write_toml(tmp_path / "bad.toml", "model = \n"))
    with pytest.raises(ConfigError, match="cannot read"):
        load_build(tmp_path / "absent.toml")


# --- commands -----------------------------------------------------------------------------


def test_optimum_cli_argv_is_exact() -> None:
    assert export_command(build()) == [
        "optimum-cli", "export", "neuron",
        "--model", "acme/shop-llama-1b",
        "--batch_size", "4",
        "--sequence_length", "4096",
        "--num_cores", "2",
        "--auto_cast_type", "bf16",
        "/srv/neuron/shop",
    ]  # fmt: skip


def test_python_equivalent_uses_the_same_arguments() -> None:
    code = python_equivalent(build())
    assert export_kwargs(build()) == {
        "batch_size": 4, "sequence_length": 4096, "num_cores": 2, "auto_cast_type": "bf16"
    }  # fmt: skip
    assert (
        "NeuronModelForCausalLM.from_pretrained(\n    'acme/shop-llama-1b', export=True, " in code
    )
    assert "batch_size=4, sequence_length=4096, num_cores=2, auto_cast_type='bf16'" in code
    assert code.endswith("model.save_pretrained('/srv/neuron/shop')\n")
    compile(code, "<plan>", "exec")  # it is valid Python


def test_tgi_argv_is_exact() -> None:
    assert tgi_command(build(max_input_length=3000)) == [
        "docker", "run", "--rm",
        "-p", "8080:80",
        "-v", "/srv/neuron/shop:/data/model",
        "--device=/dev/neuron0",
        "-e", "HF_BATCH_SIZE=4",
        "-e", "HF_SEQUENCE_LENGTH=4096",
        "-e", "HF_NUM_CORES=2",
        "-e", "HF_AUTO_CAST_TYPE=bf16",
        "ghcr.io/huggingface/text-generation-inference:3.3.5-neuron",
        "--model-id", "/data/model",
        "--max-batch-size", "4",
        "--max-input-length", "3000",
        "--max-total-tokens", "4096",
        "--max-batch-prefill-tokens", "12000",
    ]  # fmt: skip


def test_tgi_gets_one_device_per_two_cores() -> None:
    argv = tgi_command(build(num_cores=12))
    assert [a for a in argv if a.startswith("--device")] == [
        f"--device=/dev/neuron{i}" for i in range(6)
    ]
    assert devices_needed(build(num_cores=1)) == 1


def test_tgi_mounts_a_relative_output_dir_by_absolute_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    argv = tgi_command(build(output_dir="compiled"))
    assert argv[argv.index("-v") + 1] == f"{tmp_path.resolve() / 'compiled'}:/data/model"


def test_vllm_argv_is_exact() -> None:
    assert vllm_command(build(port=9000, served_model_name="shop")) == [
        "vllm", "serve", "/srv/neuron/shop",
        "--tensor-parallel-size", "2",
        "--max-num-seqs", "4",
        "--max-model-len", "4096",
        "--served-model-name", "shop",
        "--port", "9000",
    ]  # fmt: skip


def test_instances_with_enough_cores() -> None:
    assert fitting_instances(build(num_cores=24)) == ["inf2.48xlarge", "trn1.32xlarge"]
    assert fitting_instances(build(num_cores=32)) == ["trn1.32xlarge"]


# --- command line -------------------------------------------------------------------------


def forget_optimum(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [n for n in sys.modules if n == "optimum" or n.startswith("optimum.")]:
        monkeypatch.delitem(sys.modules, name)


def test_dry_run_prints_the_plan_and_never_imports_optimum(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    forget_optimum(monkeypatch)
    assert neuron_compile.main([str(EXAMPLE), "--dry-run"]) == 0
    out = capsys.readouterr().out
    b = load_build(EXAMPLE)
    assert shlex.join(export_command(b)) in out
    assert shlex.join(tgi_command(b)) in out
    assert shlex.join(vllm_command(b)) in out
    assert "NeuronModelForCausalLM.from_pretrained(" in out
    assert "2 NeuronCore(s) on 1 Neuron device(s); fits inf2.xlarge, inf2.8xlarge," in out
    assert "set the `neuron-custom` endpoint in the model registry" in out
    assert "http://<host>:8080/v1" in out
    assert not any(n == "optimum" or n.startswith("optimum.") for n in sys.modules)


def test_bad_config_exits_2_naming_the_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = EXAMPLE.read_text().replace("batch_size = 4 ", "batch_size = 100 ")
    path = write_toml(tmp_path / "bad.toml", body)
    assert neuron_compile.main([str(path), "--dry-run"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"error: {path}: batch_size: Input should be less than or equal to 64" in captured.err
    assert "Traceback" not in captured.err


def test_compile_without_optimum_raises_the_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    forget_optimum(monkeypatch)
    monkeypatch.setitem(sys.modules, "optimum", None)  # makes `import optimum...` fail
    with pytest.raises(neuron_compile.NeuronUnavailableError) as caught:
        neuron_compile.compile_model(build())
    assert str(caught.value) == (
        "optimum-neuron is not installed: pip install 'shopgraph[neuron]' "
        "on an Inf2/Trn1 host with the Neuron SDK"
    )


def test_main_without_dry_run_reports_missing_optimum(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    forget_optimum(monkeypatch)
    monkeypatch.setitem(sys.modules, "optimum", None)
    assert neuron_compile.main([str(EXAMPLE)]) == 1
    assert "error: optimum-neuron is not installed" in capsys.readouterr().err
