"""The server's settings: demo sessions stay on loopback; bad settings stop `serve`."""

from __future__ import annotations

import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from api.settings import ApiSettings
from shopgraph.cli import app

runner = CliRunner()


def test_demo_sessions_stay_on_loopback_unless_allowed() -> None:
    with pytest.raises(ValidationError, match="would let anyone chat"):
        ApiSettings(host="0.0.0.0")
    assert ApiSettings(host="0.0.0.0", demo=False).host == "0.0.0.0"
    assert ApiSettings(host="0.0.0.0", allow_public_demo=True).demo
    assert ApiSettings(host="::1").demo and ApiSettings(host="localhost").demo


def test_the_environment_sets_them_and_options_beat_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHOPGRAPH_API_PORT", "8123")
    monkeypatch.setenv("SHOPGRAPH_API_SELECTABLE_MODELS", '["local"]')
    assert ApiSettings().port == 8123
    assert ApiSettings(port=9000).port == 9000
    assert ApiSettings().selectable_models == ["local"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--host", "0.0.0.0"], "would let anyone chat"),
        (["--port", "70000"], "SHOPGRAPH_API_PORT"),
    ],
)
def test_serve_refuses_bad_settings_before_opening_anything(
    args: list[str], message: str, monkeypatch: pytest.MonkeyPatch, tmp_path: object
) -> None:
    monkeypatch.setenv("SHOPGRAPH_HOME", str(tmp_path))
    result = runner.invoke(app, ["serve", *args])
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output
