"""The event stream's schema in the OpenAPI document (FastAPI can't infer it from SSE).

A ``text/event-stream`` body is a series of frames; each is described by
``ServerSentEvent``: ``event`` names the type, ``data`` is the JSON of an ``Event``.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import TypeAdapter

from graph.events import Event


def add_event_schemas(app: FastAPI) -> None:
    """Make ``app.openapi()`` include ``Event`` and every event type it refers to."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title, version=app.version, summary=app.summary, routes=app.routes
            )
            events = TypeAdapter(Event).json_schema(ref_template="#/components/schemas/{model}")
            components = schema.setdefault("components", {}).setdefault("schemas", {})
            components.update(events.pop("$defs", {}))
            components["Event"] = events
            components["ServerSentEvent"] = _frame_schema(events)
            components["NotificationFrame"] = NOTIFICATION_FRAME
            _problems_everywhere(schema)
            _no_null_parameters(schema)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


NOTIFICATION_FRAME: dict[str, Any] = {
    "title": "NotificationFrame",
    "description": "One frame of the notification stream: `id` is the notification's (a "
    "reconnecting client sends the last one as `Last-Event-ID`), `data` its JSON.",
    "type": "object",
    "required": ["event", "id", "data"],
    "properties": {
        "event": {"type": "string", "enum": ["notification"]},
        "id": {"type": "string"},
        "data": {
            "type": "string",
            "contentMediaType": "application/json",
            "contentSchema": {"$ref": "#/components/schemas/Notification"},
        },
    },
}
"""``GET /v1/notifications/stream``'s frames (``api.routes.notifications``)."""


def _frame_schema(events: dict[str, Any]) -> dict[str, Any]:
    types = sorted(ref["$ref"].rsplit("/", 1)[1] for ref in events["oneOf"])
    names = [components_type.removesuffix("Event").lower() for components_type in types]
    return {
        "title": "ServerSentEvent",
        "description": "One frame of the stream: the event's type, and its JSON as data.",
        "type": "object",
        "required": ["event", "data"],
        "properties": {
            "event": {"type": "string", "enum": names},
            "data": {
                "type": "string",
                "contentMediaType": "application/json",
                "contentSchema": {"$ref": "#/components/schemas/Event"},
            },
        },
    }


def _problems_everywhere(schema: dict[str, Any]) -> None:
    """Every 422 is a ``Problem`` (see ``api.errors``), not FastAPI's list of errors."""
    problem = {"application/json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            invalid = operation.get("responses", {}).get("422")
            if invalid is not None:
                invalid["content"] = problem
    names = schema["components"]["schemas"]
    names.pop("HTTPValidationError", None)
    names.pop("ValidationError", None)


def _no_null_parameters(schema: dict[str, Any]) -> None:
    """An optional query parameter is absent, never ``null``: drop FastAPI's null branch."""
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                options = parameter.get("schema", {}).get("anyOf")
                if options is None:
                    continue
                kept = [option for option in options if option.get("type") != "null"]
                if len(kept) == 1:
                    del parameter["schema"]["anyOf"]
                    parameter["schema"].update(kept[0])
