"""HostnameGenerator: how DNS names of MeshServices, MeshExternalServices and MeshMultiZoneServices
are built, from a Go template such as ``{{ .DisplayName }}.{{ .Zone }}.mesh``.

The template sees ``.Name``, ``.DisplayName``, ``.Namespace``, ``.Mesh`` and ``.Zone`` of the
service and may call ``label "<key>"`` for one of its labels. Global scope.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from pulumi_kuma.model.base import REQUIRED, Doc, JsonValue, KumaModel
from pulumi_kuma.model.common import LabelSelector
from pulumi_kuma.model.envelope import DISPLAY_NAME, NAMESPACE_LABEL, ZONE_LABEL
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.gotemplate import TemplateError, TemplateRenderError, parse
from pulumi_kuma.model.messages import MUST_NOT_BE_EMPTY, go_quote
from pulumi_kuma.model.names import dns1123_subdomain_errors
from pulumi_kuma.model.path import SPEC
from pulumi_kuma.model.registry import KindDescriptor, Scope, ValidationContext
from pulumi_kuma.model.violations import Violations

TEMPLATE_FUNCTIONS = ("label",)
_STUB = {
    "Name": "name",
    "DisplayName": "displayname",
    "Namespace": "namespace",
    "Mesh": "mesh",
    "Zone": "zone",
}


class HostnameGeneratorSelector(KumaModel):
    """Which destinations get hostnames from this generator (exactly one kind)."""

    mesh_service: LabelSelector | None = None
    mesh_external_service: LabelSelector | None = None
    mesh_multi_zone_service: LabelSelector | None = None


class HostnameGeneratorExtension(KumaModel):
    """A plugin that generates hostnames instead of the template."""

    type: Annotated[str, REQUIRED, Doc("Type of the extension.")] = ""
    config: Annotated[JsonValue | None, Doc("Free-form configuration for the extension.")] = None


class HostnameGeneratorSpec(KumaModel):
    """The HostnameGenerator spec."""

    selector: HostnameGeneratorSelector | None = None
    template: Annotated[
        str,
        REQUIRED,
        Doc(
            'Go template of the hostname, e.g. `{{ .DisplayName }}.{{ .Zone }}.mesh` or `{{ label "app" }}.svc`.'
        ),
    ] = ""
    extension: HostnameGeneratorExtension | None = None


class HostnameError(ValueError):
    """A hostname could not be generated for a service."""


def render_hostname(
    spec: HostnameGeneratorSpec,
    *,
    name: str,
    mesh: str,
    labels: Mapping[str, str],
    local_zone: str = "",
) -> str:
    """The hostname ``spec`` generates for a destination named ``name`` with ``labels``.

    ``.DisplayName`` is the ``kuma.io/display-name`` label (``name`` without it), ``.Zone`` the
    ``kuma.io/zone`` label (``local_zone`` without it), ``.Namespace`` the Kubernetes namespace
    label. Raises :class:`HostnameError` when the template fails or the result is not a DNS name.
    """

    def label(key: str) -> str:
        if key not in labels:
            raise TemplateRenderError(f"label {key} not found")
        return labels[key]

    data = {
        "Name": name,
        "DisplayName": labels.get(DISPLAY_NAME, name),
        "Namespace": labels.get(NAMESPACE_LABEL, ""),
        "Mesh": mesh,
        "Zone": labels.get(ZONE_LABEL) or local_zone,
    }
    try:
        hostname = parse(spec.template, functions=TEMPLATE_FUNCTIONS).render(data, {"label": label})
    except TemplateError as exc:
        raise HostnameError(f"hostname template {go_quote(spec.template)} failed: {exc}") from None
    errors = dns1123_subdomain_errors(hostname)
    if errors:
        raise HostnameError(
            f"generated hostname {go_quote(hostname)} is not a valid DNS name: {', '.join(errors)}"
        )
    return hostname


def selects_kind(spec: HostnameGeneratorSpec) -> tuple[str, LabelSelector] | None:
    """The destination kind this generator applies to and its selector (None when not exactly one)."""
    selector = spec.selector or HostnameGeneratorSelector()
    chosen = [
        (kind, value)
        for kind, value in (
            ("MeshService", selector.mesh_service),
            ("MeshExternalService", selector.mesh_external_service),
            ("MeshMultiZoneService", selector.mesh_multi_zone_service),
        )
        if value is not None
    ]
    return chosen[0] if len(chosen) == 1 else None


def validate(spec: HostnameGeneratorSpec, ctx: ValidationContext) -> list[Violation]:
    """Kuma's HostnameGenerator validator: one selector, a template that renders to a DNS name."""
    v = Violations()
    if selects_kind(spec) is None:
        v.add(SPEC.field("selector"), "exact one selector (meshService, meshExternalService) must be defined")
    template_path = SPEC.field("template")
    if not spec.template:
        v.add(template_path, MUST_NOT_BE_EMPTY)
    else:
        try:
            parsed = parse(spec.template, functions=TEMPLATE_FUNCTIONS)
        except TemplateError as exc:
            v.add(template_path, f"couldn't parse template: {exc}")
        else:
            try:
                rendered = parsed.render(_STUB, {"label": lambda key: "label"})
            except TemplateError as exc:
                v.add(template_path, f"couldn't render template with stub values: {exc}")
            else:
                errors = dns1123_subdomain_errors(rendered)
                if errors:
                    v.add(
                        template_path,
                        f"template renders to {go_quote(rendered)} which is not a valid DNS name: {', '.join(errors)}",
                    )
    if spec.extension is not None and not spec.extension.type:
        v.add(SPEC.field("extension").field("type"), MUST_NOT_BE_EMPTY)
    return v.items


EXAMPLE: dict[str, Any] = {
    "selector": {"meshService": {"matchLabels": {"kuma.io/origin": "zone"}}},
    "template": "{{ .DisplayName }}.svc.mesh.local",
}

KIND = KindDescriptor(
    name="HostnameGenerator",
    plural="hostnamegenerators",
    short_name="hg",
    scope=Scope.GLOBAL,
    spec_model=HostnameGeneratorSpec,
    validate=validate,
    description=(
        "Generates DNS names for the selected MeshServices, MeshExternalServices or "
        "MeshMultiZoneServices from a Go template (`{{ .DisplayName }}`, `{{ .Zone }}`, "
        '`{{ label "app" }}`, ...), so that workloads can reach them by name.'
    ),
    example=EXAMPLE,
)
