"""The OpenAPI description of the inspect endpoints and the impact preview (:mod:`.inspect_api`)."""

from __future__ import annotations

from typing import Any

from pulumi_kuma.envoy.hooks import endpoint_source
from pulumi_kuma.model.registry import Registry


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _array(items: dict[str, Any]) -> dict[str, Any]:
    return {"type": "array", "items": items}


def _json(schema: dict[str, Any], description: str = "OK") -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _error(description: str) -> dict[str, Any]:
    return _json(_ref("Error"), description)


def _path(name: str, description: str) -> dict[str, Any]:
    return {
        "name": name,
        "in": "path",
        "required": True,
        "description": description,
        "schema": {"type": "string"},
    }


_MESH = _path("mesh", "name of the mesh")
_PAGING = [
    {
        "name": "size",
        "in": "query",
        "description": "page size (1-1000, default 100)",
        "schema": {"type": "integer"},
    },
    {"name": "offset", "in": "query", "description": "offset of the page", "schema": {"type": "integer"}},
    {
        "name": "name",
        "in": "query",
        "description": "only names containing this text",
        "schema": {"type": "string"},
    },
]
_CHANGE = {"type": "string", "enum": ["added", "removed", "modified"]}

_IMPACT_DESCRIPTION = """\
Preview what a set of changes would do to the rules of every Dataplane of the mesh, without storing
anything (no write, no version change, no change event). Upserts are full resources as PUT takes
them and are validated exactly as PUT validates them (schema, defaults, the kind's rules, labels,
meta against the mesh of the URL); deletes name an existing resource. An invalid change answers 400
with Kuma's error document: each invalid parameter's field starts with the change
(`upsert[1].spec.to[0].default.idleTimeout`), and every invalid change is listed.

The answer lists each Dataplane whose rules change (`added`/`removed` Dataplanes included), per
policy kind: the matched policies added and removed, the inbound rules per listener, the outbound
rules per destination KRI, the proxy-wide conf, and the warnings, each with field-level changes
(`path`, `op`: add/remove/replace, `before`, `after`). A change that changes no rule (re-applying
an identical policy, a policy whose targetRef selects nothing, a shadow policy) lists no Dataplane.
Resources the control plane would derive from the changes (MeshServices generated from Dataplanes)
are not previewed."""

_IMPACT_EXAMPLE = {
    "upsert": [
        {
            "type": "MeshTimeout",
            "mesh": "default",
            "name": "web-timeouts",
            "spec": {
                "targetRef": {"kind": "Dataplane", "labels": {"app": "web"}},
                "to": [
                    {
                        "targetRef": {"kind": "MeshService", "labels": {"kuma.io/display-name": "backend"}},
                        "default": {"http": {"requestTimeout": "5s"}},
                    }
                ],
            },
        }
    ],
    "delete": [{"type": "MeshRetry", "name": "old-retries"}],
}


def _schemas() -> dict[str, Any]:
    meta = {
        "type": "object",
        "description": "A resource's short meta.",
        "properties": {
            "type": {"type": "string"},
            "mesh": {"type": "string"},
            "name": {"type": "string"},
            "labels": {"type": "object", "additionalProperties": {"type": "string"}},
        },
    }
    origin = {
        "type": "object",
        "description": "The policy and the index of its `to[]` or `rules[]` item a conf came from.",
        "properties": {"resourceMeta": _ref("ResourceMeta"), "ruleIndex": {"type": "integer"}},
    }
    field_change = {
        "type": "object",
        "description": (
            "One field that differs. `path` is rendered as Kuma renders field paths (`http.requestTimeout`, "
            '`backends[0].file.path`, `headers["x-id"]`; empty: the conf itself). Objects are compared key by '
            "key, lists of equal length item by item, anything else as a whole."
        ),
        "required": ["path", "op"],
        "properties": {
            "path": {"type": "string"},
            "op": {"type": "string", "enum": ["add", "remove", "replace"]},
            "before": {"description": "the value before (absent for add)"},
            "after": {"description": "the value after (absent for remove)"},
        },
    }
    origins_change = {
        "type": "object",
        "description": "Where the conf came from, before and after (only when that changed).",
        "properties": {"before": _array(_ref("RuleOrigin")), "after": _array(_ref("RuleOrigin"))},
    }
    added_removed_meta = {
        "type": "object",
        "properties": {"added": _array(_ref("ResourceMeta")), "removed": _array(_ref("ResourceMeta"))},
    }
    inbound = {
        "type": "object",
        "properties": {
            "port": {"type": "integer"},
            "name": {"type": "string"},
            "tags": {"type": ["object", "null"], "additionalProperties": {"type": "string"}},
        },
    }
    return {
        "ResourceMeta": meta,
        "RuleOrigin": origin,
        "InspectRules": {
            "type": "object",
            "description": "Kuma's `_rules`: the rules that apply to a Dataplane, per policy kind.",
            "properties": {
                "resource": _ref("ResourceMeta"),
                "rules": _array(
                    {
                        "type": "object",
                        "properties": {
                            "type": {"type": "string", "description": "the policy kind"},
                            "proxyRule": {
                                "type": "object",
                                "properties": {"conf": {}, "origin": _array(_ref("ResourceMeta"))},
                            },
                            "toResourceRules": _array(
                                {
                                    "type": "object",
                                    "properties": {
                                        "resourceMeta": _ref("ResourceMeta"),
                                        "resourceSectionName": {"type": "string"},
                                        "conf": _array({}),
                                        "origin": _array(_ref("RuleOrigin")),
                                    },
                                }
                            ),
                            "inboundRules": _array(
                                {
                                    "type": "object",
                                    "properties": {
                                        "inbound": inbound,
                                        "rules": _array(
                                            {
                                                "type": "object",
                                                "properties": {
                                                    "conf": _array({}),
                                                    "match": {},
                                                    "origin": _array(_ref("RuleOrigin")),
                                                },
                                            }
                                        ),
                                    },
                                }
                            ),
                            "warnings": _array({"type": "string"}),
                        },
                    }
                ),
                "httpMatches": _array(
                    {"type": "object", "properties": {"hash": {"type": "string"}, "match": {}}}
                ),
            },
        },
        "InspectDataplanes": {
            "type": "object",
            "properties": {
                "total": {"type": "integer"},
                "items": _array(_ref("ResourceMeta")),
                "next": {"type": "string", "description": "the next page (absent on the last page)"},
            },
        },
        "ImpactRequest": {
            "type": "object",
            "description": "The changes to preview; each resource at most once.",
            "properties": {
                "upsert": _array({"type": "object", "description": "a full resource, as PUT takes it"}),
                "delete": _array(
                    {
                        "type": "object",
                        "required": ["type", "name"],
                        "properties": {"type": {"type": "string"}, "name": {"type": "string"}},
                    }
                ),
            },
        },
        "FieldChange": field_change,
        "ImpactResponse": {
            "type": "object",
            "required": ["mesh", "changes", "dataplanes", "total", "items"],
            "properties": {
                "mesh": {"type": "string"},
                "changes": _array(
                    {
                        "type": "object",
                        "description": "Each change as the control plane understood it.",
                        "properties": {
                            "action": {"type": "string", "enum": ["upsert", "delete"]},
                            "type": {"type": "string"},
                            "name": {"type": "string"},
                            "effect": {
                                "type": "string",
                                "enum": ["create", "update", "unchanged", "delete"],
                                "description": "`unchanged`: the upsert equals the stored resource",
                            },
                        },
                    }
                ),
                "dataplanes": {"type": "integer", "description": "Dataplanes in the mesh before the changes"},
                "total": {"type": "integer", "description": "Dataplanes whose rules change"},
                "items": _array(_ref("DataplaneImpact")),
            },
        },
        "DataplaneImpact": {
            "type": "object",
            "properties": {
                "dataplane": _ref("ResourceMeta"),
                "change": {**_CHANGE, "description": "added/removed: the changes create or delete it"},
                "kinds": _array(_ref("KindImpact")),
            },
        },
        "KindImpact": {
            "type": "object",
            "description": "What changes in one policy kind's rules for one Dataplane.",
            "properties": {
                "type": {"type": "string", "description": "the policy kind"},
                "matched": {**added_removed_meta, "description": "matched policies added and removed"},
                "inbound": _array(
                    {
                        "type": "object",
                        "description": "One inbound listener whose rules change.",
                        "properties": {
                            "inbound": inbound,
                            "change": _CHANGE,
                            "rules": _array(
                                {
                                    "type": "object",
                                    "description": "A rule, identified by its origin and match.",
                                    "properties": {
                                        "change": _CHANGE,
                                        "origin": _ref("RuleOrigin"),
                                        "match": {"description": "absent: the rule matches all traffic"},
                                        "conf": _array(_ref("FieldChange")),
                                    },
                                }
                            ),
                            "reordered": {
                                "type": "boolean",
                                "description": "the rules kept apply in a new order",
                            },
                        },
                    }
                ),
                "outbound": _array(
                    {
                        "type": "object",
                        "description": "One destination whose merged conf or origins change.",
                        "properties": {
                            "kri": {"type": "string"},
                            "resourceMeta": _ref("ResourceMeta"),
                            "resourceSectionName": {"type": "string"},
                            "change": _CHANGE,
                            "conf": _array(_ref("FieldChange")),
                            "origin": origins_change,
                        },
                    }
                ),
                "proxy": {
                    "type": ["object", "null"],
                    "description": "The proxy-wide conf's change (null: unchanged).",
                    "properties": {
                        "change": _CHANGE,
                        "conf": _array(_ref("FieldChange")),
                        "origin": {
                            "type": "object",
                            "properties": {
                                "before": _array(_ref("ResourceMeta")),
                                "after": _array(_ref("ResourceMeta")),
                            },
                        },
                    },
                },
                "warnings": {
                    "type": "object",
                    "properties": {
                        "added": _array({"type": "string"}),
                        "removed": _array({"type": "string"}),
                    },
                },
            },
        },
    }


def inspect_openapi(registry: Registry) -> dict[str, dict[str, Any]]:
    """``{"paths": ..., "schemas": ...}`` for the inspect endpoints and the impact preview."""
    not_found = _error("The mesh, or the named resource, does not exist")
    paths: dict[str, Any] = {
        "/meshes/{mesh}/dataplanes/{name}/_rules": {
            "get": {
                "operationId": "getDataplaneRules",
                "summary": "The policies and rules that apply to a Dataplane",
                "tags": ["Inspect"],
                "parameters": [_MESH, _path("name", "name of the Dataplane")],
                "responses": {
                    "200": _json(_ref("InspectRules")),
                    "401": _error("Invalid token"),
                    "404": not_found,
                },
            }
        },
        "/meshes/{mesh}/_impact": {
            "post": {
                "operationId": "previewImpact",
                "summary": "Preview which Dataplanes' rules a set of changes would change, and how",
                "description": _IMPACT_DESCRIPTION,
                "tags": ["Inspect"],
                "parameters": [_MESH],
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {"schema": _ref("ImpactRequest"), "example": _IMPACT_EXAMPLE}
                    },
                },
                "responses": {
                    "200": _json(_ref("ImpactResponse")),
                    "400": _error("A change is invalid; the fields name the change"),
                    "401": _error("Invalid token"),
                    "403": _error("A change needs an admin (secrets)"),
                    "404": not_found,
                    "413": _error("The body is larger than 8 MiB"),
                },
            }
        },
    }
    for kind in registry:
        if not kind.mesh_scoped:
            continue
        if kind.is_policy:
            paths[f"/meshes/{{mesh}}/{kind.plural}/{{name}}/_resources/dataplanes"] = {
                "get": {
                    "operationId": f"get{kind.name}Dataplanes",
                    "summary": f"The Dataplanes a {kind.name}'s targetRef selects",
                    "tags": ["Inspect", kind.name],
                    "parameters": [_MESH, _path("name", f"name of the {kind.name}"), *_PAGING],
                    "responses": {
                        "200": _json(_ref("InspectDataplanes")),
                        "400": _error("Bad paging"),
                        "404": not_found,
                    },
                }
            }
        if endpoint_source(kind) is not None:
            paths[f"/meshes/{{mesh}}/{kind.plural}/{{name}}/_dataplanes"] = {
                "get": {
                    "operationId": f"get{kind.name}Endpoints",
                    "summary": f"The Dataplanes a {kind.name} selects as its endpoints",
                    "tags": ["Inspect", kind.name],
                    "parameters": [_MESH, _path("name", f"name of the {kind.name}"), *_PAGING],
                    "responses": {
                        "200": _json(_ref("InspectDataplanes")),
                        "400": _error("Bad paging"),
                        "404": not_found,
                    },
                }
            }
    return {"paths": paths, "schemas": _schemas()}
