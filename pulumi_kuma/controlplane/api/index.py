"""The non-resource endpoints: ``/``, ``/_resources``, ``/who-am-i``, ``/_kri/{kri}``, ``/config``
and ``POST /tokens/user``."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from pulumi_kuma import __version__
from pulumi_kuma.controlplane.api.context import ApiContext, json_response, read_body
from pulumi_kuma.controlplane.api.decode import BodyError, parse_json
from pulumi_kuma.controlplane.api.errors import ApiError, bad_request, invalid, not_found
from pulumi_kuma.controlplane.api.kri import KriError, parse_kri, store_name
from pulumi_kuma.controlplane.api.resources import RETRIEVE_TITLE, ResourceEndpoints
from pulumi_kuma.controlplane.auth import AccessDenied, require_admin
from pulumi_kuma.model.duration import InvalidDuration, parse_duration
from pulumi_kuma.model.envelope import to_rest
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.registry import KindDescriptor, Registry, Section

PRODUCT = "pulumi-kuma"
BASED_ON_KUMA = "3.0.0"
TOKEN_TITLE = "Invalid request"

# Words that stay whole when a kind name is split into display words.
_WHOLE_WORDS = ("OpenTelemetry",)
_WORD = re.compile("|".join(_WHOLE_WORDS) + r"|[A-Z]+(?=[A-Z][a-z])|[A-Z][a-z]+|[A-Z]+|[a-z]+|\d+")


def display_name(kind: KindDescriptor) -> str:
    """``MeshHTTPRoute`` → ``Mesh HTTP Route``."""
    return " ".join(_WORD.findall(kind.name))


def plural_display_name(kind: KindDescriptor) -> str:
    """The display name with its last word inflected as the REST plural is (``Mesh Retries``)."""
    singular = display_name(kind)
    lower = kind.name.lower()
    common = 0
    while common < min(len(lower), len(kind.plural)) and lower[common] == kind.plural[common]:
        common += 1
    dropped = len(lower) - common
    return singular[: len(singular) - dropped] + kind.plural[common:]


def describe_kinds(registry: Registry, read_only: bool) -> dict[str, Any]:
    """``GET /_resources``: every kind, its path and its policy shape, sorted by name."""
    resources = []
    for kind in registry:
        entry: dict[str, Any] = {
            "includeInFederation": kind.global_provided and not kind.read_only,
            "name": kind.name,
            "path": kind.plural,
            "pluralDisplayName": plural_display_name(kind),
            "readOnly": read_only or kind.read_only,
            "scope": kind.scope.value,
            "shortName": kind.short_name or "",
            "singularDisplayName": display_name(kind),
        }
        if kind.policy is not None:
            entry["policy"] = {
                "hasFromTargetRef": False,
                "hasRulesTargetRef": kind.has_section(Section.RULES),
                "hasToTargetRef": kind.has_section(Section.TO),
                "isFromAsRules": False,
                "isTargetRef": True,
            }
        resources.append(entry)
    resources.sort(key=lambda item: item["name"])
    return {"resources": resources}


class IndexEndpoints:
    """Handlers of the endpoints that are not about one kind."""

    def __init__(self, ctx: ApiContext, resources: ResourceEndpoints) -> None:
        self.ctx = ctx
        self.resources = resources
        self._kinds_document = describe_kinds(ctx.registry, ctx.read_only)

    async def index(self, request: Request) -> Response:
        """``GET /``: version information; needs no authentication."""
        return json_response(
            {
                "hostname": self.ctx.hostname,
                "product": PRODUCT,
                "version": __version__,
                "instanceId": self.ctx.instance_id,
                "clusterId": self.ctx.cluster_id,
                "gui": "",
                "basedOnKuma": BASED_ON_KUMA,
            }
        )

    async def kinds(self, request: Request) -> Response:
        """``GET /_resources``."""
        await self.ctx.authenticate(request)
        return json_response(self._kinds_document)

    async def who_am_i(self, request: Request) -> Response:
        """``GET /who-am-i``: the caller as the control plane sees it."""
        user = await self.ctx.authenticate(request)
        return json_response({"name": user.name, "groups": list(user.groups)})

    async def config(self, request: Request) -> Response:
        """``GET /config``: the control plane's settings, for admins only."""
        user = await self.ctx.authenticate(request)
        require_admin(user, "control-plane metadata")
        return json_response(dict(self.ctx.config))

    async def by_kri(self, request: Request) -> Response:
        """``GET /_kri/{kri}``: any resource by its KRI."""
        user = await self.ctx.authenticate(request)
        try:
            kri = parse_kri(request.path_params["kri"], self.ctx.registry)
        except KriError as exc:
            raise bad_request(f"bad request: {exc}") from None
        name = store_name(kri, self.ctx.zone)
        self.resources.check_access(user, kri.kind)
        mesh = kri.mesh if kri.kind.mesh_scoped else ""
        obj = await self.ctx.store.get(kri.kind.name, mesh, name)
        if obj is None:
            raise not_found(RETRIEVE_TITLE)
        return json_response(to_rest(kri.kind, obj))

    async def issue_user_token(self, request: Request) -> Response:
        """``POST /tokens/user`` (admins): ``{name, groups, validFor}`` in, a JWT (text) out."""
        user = await self.ctx.authenticate(request)
        if not user.is_admin:
            raise AccessDenied("action not allowed")
        try:
            body = parse_json(await read_body(request))
        except BodyError as exc:
            raise bad_request(f"invalid user token request: {exc}") from None
        if not isinstance(body, dict):
            raise bad_request("invalid user token request: the body must be a JSON object")
        name, groups, valid_for = body.get("name"), body.get("groups") or [], body.get("validFor")
        violations: list[Violation] = []
        if not isinstance(name, str) or not name:
            violations.append(Violation("name", "cannot be empty"))
        if not isinstance(groups, list) or not all(isinstance(g, str) for g in groups):
            violations.append(Violation("groups", "must be a list of strings"))
        duration = 0
        if not isinstance(valid_for, str) or not valid_for:
            violations.append(Violation("validFor", "cannot be empty"))
        else:
            try:
                duration = parse_duration(valid_for)
            except InvalidDuration as exc:
                violations.append(Violation("validFor", f"is invalid: {exc}"))
            else:
                if duration <= 0:
                    violations.append(Violation("validFor", "cannot be empty or nil"))
        if violations:
            raise invalid(TOKEN_TITLE, violations)
        assert isinstance(name, str) and isinstance(groups, list)
        token = await self.ctx.tokens.issue(name, groups, timedelta(microseconds=duration // 1000))
        return Response(token, media_type="text/plain")


def not_served(path: str) -> ApiError:
    """404 for a path no endpoint serves."""
    return ApiError(404, "Not Found", f"no endpoint is served at {path}")
