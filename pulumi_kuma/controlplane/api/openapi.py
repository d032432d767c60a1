"""The OpenAPI 3.1 document served at ``/openapi.json``, built from the registry.

Every kind's paths and its item schema come from the kind's descriptor and its compiled spec
schema (:func:`pulumi_kuma.model.schema.compile_model`), so the document describes exactly the
checks the API runs.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pulumi_kuma import __version__
from pulumi_kuma.model.registry import KindDescriptor, Registry
from pulumi_kuma.model.schema import compile_model

_ERROR_REF = {"$ref": "#/components/schemas/Error"}
_NAME_PATTERN = r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"


def _error(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": _ERROR_REF}}}


def _json(schema: dict[str, Any], description: str = "OK") -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _path_param(name: str, description: str) -> dict[str, Any]:
    return {
        "name": name,
        "in": "path",
        "required": True,
        "description": description,
        "schema": {"type": "string"},
    }


_LIST_PARAMS = [
    {
        "name": "size",
        "in": "query",
        "description": "page size (1-1000, default 100)",
        "schema": {"type": "integer"},
    },
    {"name": "offset", "in": "query", "description": "offset of the page", "schema": {"type": "string"}},
    {
        "name": "name",
        "in": "query",
        "description": "only names containing this text",
        "schema": {"type": "string"},
    },
    {
        "name": "filter",
        "in": "query",
        "description": "label filters: filter[labels.<key>]=<value>",
        "style": "deepObject",
        "explode": True,
        "schema": {"type": "object", "additionalProperties": {"type": "string"}},
    },
]

_COMMON_ERRORS = {
    "400": _error("Bad request or invalid resource"),
    "401": _error("Invalid authentication data"),
    "403": _error("Access denied"),
    "404": _error("Not found"),
}


def item_schema(kind: KindDescriptor) -> dict[str, Any]:
    """The JSON a kind's resource has on the wire (for PUT bodies and GET answers)."""
    spec = compile_model(kind.spec_model).json_schema()
    properties: dict[str, Any] = {
        "type": {"type": "string", "enum": [kind.name], "description": "the kind"},
    }
    required = ["type", "name"] if kind.legacy_layout else ["type", "name", "spec"]
    if kind.mesh_scoped:
        properties["mesh"] = {"type": "string", "description": "the mesh the resource belongs to"}
        if kind.legacy_layout:
            required.append("mesh")
        else:
            properties["mesh"]["default"] = "default"
    properties["name"] = {"type": "string", "maxLength": 253, "pattern": _NAME_PATTERN}
    properties["labels"] = {"type": "object", "additionalProperties": {"type": "string"}}
    properties["creationTime"] = {"type": "string", "format": "date-time", "readOnly": True}
    properties["modificationTime"] = {"type": "string", "format": "date-time", "readOnly": True}
    if kind.short_name:
        properties["kri"] = {"type": "string", "readOnly": True}
    if kind.legacy_layout:
        properties.update(spec.get("properties", {}))
    else:
        if kind.sni_sections is not None:
            properties["snis"] = {
                "type": "array",
                "readOnly": True,
                "items": {
                    "type": "object",
                    "properties": {"port": {"type": "integer"}, "sni": {"type": "string"}},
                },
            }
        properties["spec"] = spec
        if kind.has_status:
            properties["status"] = {"type": "object", "readOnly": True}
    return {"type": "object", "description": kind.description, "properties": properties, "required": required}


def _kind_paths(kind: KindDescriptor, read_only: bool) -> dict[str, Any]:
    ref = {"$ref": f"#/components/schemas/{kind.name}Item"}
    list_ref = {"$ref": f"#/components/schemas/{kind.name}List"}
    tag = [kind.name]
    name_param = _path_param("name", f"name of the {kind.name}")
    item_params = [name_param]
    prefix = f"/{kind.plural}"
    if kind.mesh_scoped:
        item_params = [_path_param("mesh", "name of the mesh"), name_param]
        prefix = f"/meshes/{{mesh}}/{kind.plural}"
    write_errors = {**_COMMON_ERRORS, "405": _error("The control plane or the kind is read-only")}
    item: dict[str, Any] = {
        "parameters": item_params,
        "get": {
            "operationId": f"get{kind.name}",
            "summary": f"Get a {kind.name}",
            "tags": tag,
            "responses": {"200": _json(ref), **_COMMON_ERRORS},
        },
        "put": {
            "operationId": f"put{kind.name}",
            "summary": f"Create or update a {kind.name}",
            "tags": tag,
            "requestBody": {"required": True, "content": {"application/json": {"schema": ref}}},
            "responses": {
                "200": _json({"$ref": "#/components/schemas/WriteResult"}, "Updated"),
                "201": _json({"$ref": "#/components/schemas/WriteResult"}, "Created"),
                **write_errors,
                "409": _error("Conflict: the resource changed meanwhile"),
                "413": _error("The body is larger than 1 MiB"),
            },
        },
        "delete": {
            "operationId": f"delete{kind.name}",
            "summary": f"Delete a {kind.name}",
            "tags": tag,
            "responses": {"200": _json({"type": "object"}), **write_errors},
        },
    }
    if read_only or kind.read_only:
        item["put"]["summary"] += " (answers 405: read-only)"
        item["delete"]["summary"] += " (answers 405: read-only)"
    paths: dict[str, Any] = {
        f"{prefix}/{{name}}": item,
        prefix: {
            "get": {
                "operationId": f"list{kind.name}" + ("InMesh" if kind.mesh_scoped else ""),
                "summary": f"List {kind.name} resources",
                "tags": tag,
                "parameters": ([_path_param("mesh", "name of the mesh")] if kind.mesh_scoped else [])
                + _LIST_PARAMS,
                "responses": {"200": _json(list_ref), **_COMMON_ERRORS},
            }
        },
    }
    if kind.mesh_scoped:
        paths[f"/{kind.plural}"] = {
            "get": {
                "operationId": f"list{kind.name}",
                "summary": f"List {kind.name} resources of every mesh",
                "tags": tag,
                "parameters": _LIST_PARAMS,
                "responses": {"200": _json(list_ref), **_COMMON_ERRORS},
            }
        }
    return paths


def _base_paths() -> dict[str, Any]:
    any_object = {"type": "object"}
    return {
        "/": {
            "get": {
                "operationId": "index",
                "summary": "Version information",
                "security": [],
                "responses": {"200": _json({"$ref": "#/components/schemas/Index"})},
            }
        },
        "/_resources": {
            "get": {
                "operationId": "resourceTypes",
                "summary": "Every kind",
                "responses": {"200": _json(any_object)},
            }
        },
        "/who-am-i": {
            "get": {
                "operationId": "whoAmI",
                "summary": "The caller",
                "responses": {
                    "200": _json({"$ref": "#/components/schemas/WhoAmI"}),
                    "401": _COMMON_ERRORS["401"],
                },
            }
        },
        "/config": {
            "get": {
                "operationId": "config",
                "summary": "The control plane's settings (admins)",
                "responses": {
                    "200": _json(any_object),
                    "401": _COMMON_ERRORS["401"],
                    "403": _COMMON_ERRORS["403"],
                },
            }
        },
        "/_kri/{kri}": {
            "get": {
                "operationId": "getByKri",
                "summary": "Any resource by its KRI",
                "parameters": [_path_param("kri", "kri_<short>_<mesh>_<zone>_<namespace>_<name>_<section>")],
                "responses": {"200": _json(any_object), **_COMMON_ERRORS},
            }
        },
        "/tokens/user": {
            "post": {
                "operationId": "issueUserToken",
                "summary": "Issue a user token (admins)",
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/UserTokenRequest"}}
                    },
                },
                "responses": {
                    "200": {
                        "description": "The token",
                        "content": {"text/plain": {"schema": {"type": "string"}}},
                    },
                    **_COMMON_ERRORS,
                },
            }
        },
    }


def _components(registry: Registry) -> dict[str, Any]:
    schemas: dict[str, Any] = {
        "Error": {
            "type": "object",
            "required": ["type", "status", "title", "detail"],
            "properties": {
                "type": {"type": "string"},
                "status": {"type": "integer"},
                "title": {"type": "string"},
                "detail": {"type": "string"},
                "invalid_parameters": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {"field": {"type": "string"}, "reason": {"type": "string"}},
                    },
                },
                "details": {"type": "string"},
                "causes": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {"field": {"type": "string"}, "message": {"type": "string"}},
                    },
                },
            },
        },
        "WriteResult": {
            "type": "object",
            "properties": {"warnings": {"type": "array", "items": {"type": "string"}}},
        },
        "Index": {
            "type": "object",
            "properties": {
                key: {"type": "string"}
                for key in ("hostname", "product", "version", "instanceId", "clusterId", "gui", "basedOnKuma")
            },
        },
        "WhoAmI": {
            "type": "object",
            "properties": {
                "name": {"type": "string"},
                "groups": {"type": "array", "items": {"type": "string"}},
            },
        },
        "UserTokenRequest": {
            "type": "object",
            "required": ["name", "validFor"],
            "properties": {
                "name": {"type": "string"},
                "groups": {"type": "array", "items": {"type": "string"}},
                "validFor": {"type": "string", "description": "a Go duration such as 24h"},
            },
        },
    }
    for kind in registry:
        schemas[f"{kind.name}Item"] = item_schema(kind)
        schemas[f"{kind.name}List"] = {
            "type": "object",
            "properties": {
                "total": {"type": "integer"},
                "items": {"type": "array", "items": {"$ref": f"#/components/schemas/{kind.name}Item"}},
                "next": {"type": ["string", "null"]},
            },
        }
    return {
        "schemas": schemas,
        "securitySchemes": {"BearerAuth": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}},
    }


def openapi_document(
    registry: Registry, read_only: bool = False, extra: Mapping[str, Mapping[str, Any]] | None = None
) -> dict[str, Any]:
    """The whole document; ``extra`` adds the ``paths`` and ``schemas`` of routes mounted besides
    the resource routes (inspect endpoints and the like)."""
    paths = _base_paths()
    for kind in registry:
        paths.update(_kind_paths(kind, read_only))
    components = _components(registry)
    if extra is not None:
        paths.update(extra.get("paths", {}))
        components["schemas"].update(extra.get("schemas", {}))
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "pulumi-kuma control plane API",
            "version": __version__,
            "description": "Kuma's REST API for every registered kind (Kuma 3.0 semantics).",
        },
        "security": [{}, {"BearerAuth": []}],
        "paths": paths,
        "components": components,
    }
