"""The model registry file: the shipped one is valid; bad ones are refused, naming the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.models import default_registry
from graph.models.config import ModelsFileError, read_models_file
from graph.models.providers import registry_from_entries
from graph.settings import AssistantSettings

GOOD = """
[models.local]
provider = "llamacpp"
latency = "fast"
cost = "free"

[models.shop]
provider = "openai_compatible"
endpoint = "http://127.0.0.1:9/v1"
model_id = "shop"
trusted_with = ["directives"]
latency = "fast"
cost = "low"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "models.toml"
    path.write_text(text)
    return path


def test_the_shipped_registry_is_valid() -> None:
    entries = read_models_file()
    assert set(entries) == {"local", "claude-sonnet", "nova", "neuron-custom"}
    registry = default_registry(AssistantSettings())
    assert registry.names() == ["local"]  # cloud entries ship disabled: nothing leaves the host
    assert not registry.spec("local").writes_directives


def test_an_operator_file_replaces_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHOPGRAPH_MODELS_FILE", str(write(tmp_path, GOOD)))
    registry = default_registry(AssistantSettings())
    assert registry.names() == ["local", "shop"]
    assert registry.spec("shop").writes_directives


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ('latency = "fast"\ncost = "free"', 'cost = "free"'),
            "models.local.latency: Field required",
        ),
        (('provider = "llamacpp"', 'provider = "ollama"'), "models.local"),
        (('cost = "free"', 'cost = "free"\ncolour = "red"'), "models.local.colour"),
        (("http://127.0.0.1:9/v1", "ftp://example/v1"), "models.shop.endpoint"),
        (('model_id = "shop"', ""), "models.shop.model_id: Field required"),
    ],
)
def test_a_bad_file_is_refused_naming_the_model_and_field(
    tmp_path: Path, change: tuple[str, str], message: str
) -> None:
    with pytest.raises(ModelsFileError, match=message.replace(".", r"\.")):
        read_models_file(write(tmp_path, GOOD.replace(*change, 1)))


def test_a_bedrock_model_needs_a_region(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AWS_REGION", raising=False)
    monkeypatch.delenv("AWS_DEFAULT_REGION", raising=False)
    text = '[models.c]\nprovider = "bedrock"\nmodel_id = "m"\nlatency = "slow"\ncost = "high"\n'
    with pytest.raises(ModelsFileError, match=r"models\.c: .*no region"):
        read_models_file(write(tmp_path, text))
    monkeypatch.setenv("AWS_REGION", "eu-west-1")
    assert read_models_file(write(tmp_path, text))["c"].provider == "bedrock"


@pytest.mark.parametrize("text", ["", "models = 3", "[models.x\n", "[other]\na = 1"])
def test_a_file_that_is_not_a_registry_is_refused(tmp_path: Path, text: str) -> None:
    with pytest.raises(ModelsFileError, match=r"models\.toml"):
        read_models_file(write(tmp_path, text))


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ModelsFileError, match="No such file"):
        read_models_file(tmp_path / "absent.toml")


async def test_registry_entries_build_their_providers_models(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from langchain_aws import ChatBedrockConverse
    from langchain_openai import ChatOpenAI

    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    shipped = read_models_file().items()
    enabled = {name: entry.model_copy(update={"enabled": True}) for name, entry in shipped}
    registry = registry_from_entries(enabled, AssistantSettings())
    assert registry.spec("claude-sonnet").writes_directives
    nova = await registry.get("nova")  # building sends nothing
    assert isinstance(nova, ChatBedrockConverse) and nova.model_id == "amazon.nova-lite-v1:0"
    custom = await registry.get("neuron-custom")
    assert isinstance(custom, ChatOpenAI) and custom.max_retries == 0
    assert str(custom.openai_api_base).startswith("http://127.0.0.1:8080")
