"""Resource classes and typed arguments for every Kuma kind.

Generated from ``pulumi_kuma.registry.REGISTRY`` by ``python -m pulumi_kuma.provider.codegen``;
do not edit by hand.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

import pulumi

from pulumi_kuma.provider.config import ControlPlane
from pulumi_kuma.provider.resource import KumaArgs, KumaResource


@dataclass(kw_only=True)
class MeshSpecArgs(KumaArgs):
    """The Mesh spec."""

    _wire_names: ClassVar[dict[str, str]] = {}


@dataclass(kw_only=True)
class DataplaneSpecArgs(KumaArgs):
    """The Dataplane spec."""

    _wire_names: ClassVar[dict[str, str]] = {}


@dataclass(kw_only=True)
class MeshServiceSpecArgs(KumaArgs):
    """The MeshService spec."""

    _wire_names: ClassVar[dict[str, str]] = {}


@dataclass(kw_only=True)
class MeshExternalServiceSpecArgs(KumaArgs):
    """The MeshExternalService spec."""

    _wire_names: ClassVar[dict[str, str]] = {}


@dataclass(kw_only=True)
class MeshMultiZoneServiceSpecArgs(KumaArgs):
    """The MeshMultiZoneService spec."""

    _wire_names: ClassVar[dict[str, str]] = {}


@dataclass(kw_only=True)
class MeshIdentitySpecArgs(KumaArgs):
    """The MeshIdentity spec."""

    _wire_names: ClassVar[dict[str, str]] = {}


@dataclass(kw_only=True)
class MeshTrustSpecArgs(KumaArgs):
    """The MeshTrust spec."""

    _wire_names: ClassVar[dict[str, str]] = {}


@dataclass(kw_only=True)
class MeshOpenTelemetryBackendSpecArgs(KumaArgs):
    """The MeshOpenTelemetryBackend spec."""

    _wire_names: ClassVar[dict[str, str]] = {}


@dataclass(kw_only=True)
class HostnameGeneratorSpecArgs(KumaArgs):
    """The HostnameGenerator spec."""

    _wire_names: ClassVar[dict[str, str]] = {}


@dataclass(kw_only=True)
class SecretSpecArgs(KumaArgs):
    """The Secret spec."""

    _wire_names: ClassVar[dict[str, str]] = {}


@dataclass(kw_only=True)
class GlobalSecretSpecArgs(KumaArgs):
    """The GlobalSecret spec."""

    _wire_names: ClassVar[dict[str, str]] = {}


@dataclass(kw_only=True)
class MeshAccessLogSpecArgs(KumaArgs):
    """The MeshAccessLog spec."""

    _wire_names: ClassVar[dict[str, str]] = {}


@dataclass(kw_only=True)
class MeshCircuitBreakerSpecArgs(KumaArgs):
    """The MeshCircuitBreaker spec."""

    _wire_names: ClassVar[dict[str, str]] = {}


@dataclass(kw_only=True)
class MeshFaultInjectionSpecArgs(KumaArgs):
    """The MeshFaultInjection spec."""

    _wire_names: ClassVar[dict[str, str]] = {}


@dataclass(kw_only=True)
class MeshHealthCheckSpecArgs(KumaArgs):
    """The MeshHealthCheck spec."""

    _wire_names: ClassVar[dict[str, str]] = {}


@dataclass(kw_only=True)
class MeshHTTPRouteSpecArgs(KumaArgs):
    """The MeshHTTPRoute spec."""

    _wire_names: ClassVar[dict[str, str]] = {}


@dataclass(kw_only=True)
class MeshLoadBalancingStrategySpecArgs(KumaArgs):
    """The MeshLoadBalancingStrategy spec."""

    _wire_names: ClassVar[dict[str, str]] = {}


@dataclass(kw_only=True)
class MeshMetricSpecArgs(KumaArgs):
    """The MeshMetric spec."""

    _wire_names: ClassVar[dict[str, str]] = {}


@dataclass(kw_only=True)
class MeshPassthroughSpecArgs(KumaArgs):
    """The MeshPassthrough spec."""

    _wire_names: ClassVar[dict[str, str]] = {}


@dataclass(kw_only=True)
class MeshProxyPatchSpecArgs(KumaArgs):
    """The MeshProxyPatch spec."""

    _wire_names: ClassVar[dict[str, str]] = {}


@dataclass(kw_only=True)
class MeshRateLimitSpecArgs(KumaArgs):
    """The MeshRateLimit spec."""

    _wire_names: ClassVar[dict[str, str]] = {}


@dataclass(kw_only=True)
class MeshRetrySpecArgs(KumaArgs):
    """The MeshRetry spec."""

    _wire_names: ClassVar[dict[str, str]] = {}


@dataclass(kw_only=True)
class MeshTCPRouteSpecArgs(KumaArgs):
    """The MeshTCPRoute spec."""

    _wire_names: ClassVar[dict[str, str]] = {}


@dataclass(kw_only=True)
class TopLevelTargetRefArgs(KumaArgs):
    """The policy's top-level ``targetRef``: the whole mesh, or Dataplanes selected by labels."""

    _wire_names: ClassVar[dict[str, str]] = {
        "kind": "kind",
        "labels": "labels",
        "section_name": "sectionName",
    }

    kind: pulumi.Input[str] | None = None
    """Kuma field ``kind``. Required. One of: ``Mesh``, ``Dataplane``."""

    labels: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None
    """Kuma field ``labels``."""

    section_name: pulumi.Input[str] | None = None
    """Kuma field ``sectionName``."""


@dataclass(kw_only=True)
class OutboundTargetRefArgs(KumaArgs):
    """A ``to[].targetRef``: the destinations a conf applies to."""

    _wire_names: ClassVar[dict[str, str]] = {
        "kind": "kind",
        "labels": "labels",
        "section_name": "sectionName",
    }

    kind: pulumi.Input[str] | None = None
    """Kuma field ``kind``. Required. One of: ``Mesh``, ``MeshService``, ``MeshExternalService``, ``MeshMultiZoneService``, ``MeshHTTPRoute``.
    """

    labels: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None
    """Kuma field ``labels``."""

    section_name: pulumi.Input[str] | None = None
    """Kuma field ``sectionName``."""


@dataclass(kw_only=True)
class MeshTimeoutHttpArgs(KumaArgs):
    """HTTP-specific timeouts. ``0`` disables a timeout."""

    _wire_names: ClassVar[dict[str, str]] = {
        "request_timeout": "requestTimeout",
        "stream_idle_timeout": "streamIdleTimeout",
        "max_stream_duration": "maxStreamDuration",
        "max_connection_duration": "maxConnectionDuration",
        "request_headers_timeout": "requestHeadersTimeout",
    }

    request_timeout: pulumi.Input[str] | None = None
    """Kuma field ``requestTimeout``. A duration such as ``"5s"``, ``"1m30s"`` or ``"250ms"``."""

    stream_idle_timeout: pulumi.Input[str] | None = None
    """Kuma field ``streamIdleTimeout``. A duration such as ``"5s"``, ``"1m30s"`` or ``"250ms"``."""

    max_stream_duration: pulumi.Input[str] | None = None
    """Kuma field ``maxStreamDuration``. A duration such as ``"5s"``, ``"1m30s"`` or ``"250ms"``."""

    max_connection_duration: pulumi.Input[str] | None = None
    """Kuma field ``maxConnectionDuration``. A duration such as ``"5s"``, ``"1m30s"`` or ``"250ms"``."""

    request_headers_timeout: pulumi.Input[str] | None = None
    """Kuma field ``requestHeadersTimeout``. A duration such as ``"5s"``, ``"1m30s"`` or ``"250ms"``."""


@dataclass(kw_only=True)
class MeshTimeoutConfArgs(KumaArgs):
    """Timeouts for a group of destinations or for incoming traffic."""

    _wire_names: ClassVar[dict[str, str]] = {
        "connection_timeout": "connectionTimeout",
        "idle_timeout": "idleTimeout",
        "http": "http",
    }

    connection_timeout: pulumi.Input[str] | None = None
    """Kuma field ``connectionTimeout``. A duration such as ``"5s"``, ``"1m30s"`` or ``"250ms"``."""

    idle_timeout: pulumi.Input[str] | None = None
    """Kuma field ``idleTimeout``. A duration such as ``"5s"``, ``"1m30s"`` or ``"250ms"``."""

    http: pulumi.Input[MeshTimeoutHttpArgs | Mapping[str, Any]] | None = None
    """Kuma field ``http``."""


@dataclass(kw_only=True)
class MeshTimeoutToArgs(KumaArgs):
    """One outbound entry: the destinations (``targetRef``) and the conf applied to them."""

    _wire_names: ClassVar[dict[str, str]] = {"target_ref": "targetRef", "default": "default"}

    target_ref: pulumi.Input[OutboundTargetRefArgs | Mapping[str, Any]] | None = None
    """Kuma field ``targetRef``. Required."""

    default: pulumi.Input[MeshTimeoutConfArgs | Mapping[str, Any]] | None = None
    """Kuma field ``default``."""


@dataclass(kw_only=True)
class SpiffeIdMatchArgs(KumaArgs):
    """Match the client certificate's SPIFFE ID exactly or by prefix."""

    _wire_names: ClassVar[dict[str, str]] = {"type": "type", "value": "value"}

    type: pulumi.Input[str] | None = None
    """Kuma field ``type``. Required. One of: ``Exact``, ``Prefix``."""

    value: pulumi.Input[str] | None = None
    """Kuma field ``value``. Required."""


@dataclass(kw_only=True)
class SniMatchArgs(KumaArgs):
    """Match the TLS server name the client asked for."""

    _wire_names: ClassVar[dict[str, str]] = {"type": "type", "value": "value"}

    type: pulumi.Input[str] | None = None
    """Kuma field ``type``. Required. One of: ``Exact``."""

    value: pulumi.Input[str] | None = None
    """Kuma field ``value``. Required."""


@dataclass(kw_only=True)
class MatchArgs(KumaArgs):
    """Selects incoming traffic by the peer's SPIFFE ID and/or the SNI."""

    _wire_names: ClassVar[dict[str, str]] = {"spiffe_id": "spiffeID", "sni": "sni"}

    spiffe_id: pulumi.Input[SpiffeIdMatchArgs | Mapping[str, Any]] | None = None
    """Kuma field ``spiffeID``."""

    sni: pulumi.Input[SniMatchArgs | Mapping[str, Any]] | None = None
    """Kuma field ``sni``."""


@dataclass(kw_only=True)
class MeshTimeoutRuleArgs(KumaArgs):
    """An inbound rule: timeouts for incoming traffic, optionally only for matching peers."""

    _wire_names: ClassVar[dict[str, str]] = {"matches": "matches", "default": "default"}

    matches: pulumi.Input[Sequence[pulumi.Input[MatchArgs | Mapping[str, Any]]]] | None = None
    """Kuma field ``matches``."""

    default: pulumi.Input[MeshTimeoutConfArgs | Mapping[str, Any]] | None = None
    """Kuma field ``default``."""


@dataclass(kw_only=True)
class MeshTimeoutSpecArgs(KumaArgs):
    """The MeshTimeout spec: which proxies (``targetRef``), outbound ``to`` or inbound ``rules``."""

    _wire_names: ClassVar[dict[str, str]] = {"target_ref": "targetRef", "to": "to", "rules": "rules"}

    target_ref: pulumi.Input[TopLevelTargetRefArgs | Mapping[str, Any]] | None = None
    """Kuma field ``targetRef``."""

    to: pulumi.Input[Sequence[pulumi.Input[MeshTimeoutToArgs | Mapping[str, Any]]]] | None = None
    """Kuma field ``to``."""

    rules: pulumi.Input[Sequence[pulumi.Input[MeshTimeoutRuleArgs | Mapping[str, Any]]]] | None = None
    """Kuma field ``rules``."""


@dataclass(kw_only=True)
class MeshTLSSpecArgs(KumaArgs):
    """The MeshTLS spec."""

    _wire_names: ClassVar[dict[str, str]] = {}


@dataclass(kw_only=True)
class MeshTraceSpecArgs(KumaArgs):
    """The MeshTrace spec."""

    _wire_names: ClassVar[dict[str, str]] = {}


@dataclass(kw_only=True)
class MeshTrafficPermissionSpecArgs(KumaArgs):
    """The MeshTrafficPermission spec."""

    _wire_names: ClassVar[dict[str, str]] = {}


class Mesh(KumaResource, module="kuma", name="Mesh"):
    """Mesh.

    Global: REST path ``/meshes/{name}``.

    On the wire the spec's fields sit beside the resource's meta (an old-style kind); ``spec`` here still holds just those fields.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.Mesh(
            "example",
            spec={},
        )

    ## Outputs

    ``name``, ``labels`` (with the labels the control plane computes), ``spec`` (as stored, defaults applied), ``kri``, ``creation_time``, ``modification_time``, ``warnings``.

    ## Adopt and refresh

    Creating fails when the resource already exists on the control plane, unless ``adopt=True``. ``pulumi refresh`` reads the live resource back; changes made outside Pulumi show as a diff on the next ``up``, and a resource deleted outside Pulumi is removed from the state.
    """

    _kind_name: ClassVar[str] = "Mesh"

    def __init__(
        self,
        resource_name: str,
        *,
        spec: pulumi.Input[MeshSpecArgs | Mapping[str, Any]] | None = None,
        name: pulumi.Input[str] | None = None,
        labels: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,
        adopt: pulumi.Input[bool] = False,
        control_plane: ControlPlane | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare a Mesh.

        :param resource_name: the Pulumi resource name (also the Kuma name unless ``name`` is given).
        :param spec: the spec: a ``MeshSpecArgs`` or a dict in Kuma's JSON shape (camelCase).
        :param name: the name on the control plane; defaults to ``resource_name``.
        :param labels: labels to set; labels the control plane computes are added to the output.
        :param adopt: take over a resource that already exists instead of failing.
        :param control_plane: manage the resource on this control plane instead of the one in the stack config.
        :param opts: Pulumi resource options.
        """
        super().__init__(
            resource_name,
            spec=spec,
            name=name,
            labels=labels,
            adopt=adopt,
            control_plane=control_plane,
            opts=opts,
        )


class Dataplane(KumaResource, module="kuma", name="Dataplane"):
    """Dataplane.

    Mesh-scoped: lives in one mesh (``mesh=``, default ``"default"``); REST path ``/meshes/{mesh}/dataplanes/{name}``.

    On the wire the spec's fields sit beside the resource's meta (an old-style kind); ``spec`` here still holds just those fields.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.Dataplane(
            "example",
            mesh="default",
            spec={},
        )

    ## Outputs

    ``name``, ``mesh``, ``labels`` (with the labels the control plane computes), ``spec`` (as stored, defaults applied), ``kri``, ``creation_time``, ``modification_time``, ``warnings``.

    ## Adopt and refresh

    Creating fails when the resource already exists on the control plane, unless ``adopt=True``. ``pulumi refresh`` reads the live resource back; changes made outside Pulumi show as a diff on the next ``up``, and a resource deleted outside Pulumi is removed from the state.
    """

    _kind_name: ClassVar[str] = "Dataplane"
    mesh: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        *,
        spec: pulumi.Input[DataplaneSpecArgs | Mapping[str, Any]] | None = None,
        mesh: pulumi.Input[str] = "default",
        name: pulumi.Input[str] | None = None,
        labels: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,
        adopt: pulumi.Input[bool] = False,
        control_plane: ControlPlane | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare a Dataplane.

        :param resource_name: the Pulumi resource name (also the Kuma name unless ``name`` is given).
        :param spec: the spec: a ``DataplaneSpecArgs`` or a dict in Kuma's JSON shape (camelCase).
        :param mesh: the mesh the resource belongs to.
        :param name: the name on the control plane; defaults to ``resource_name``.
        :param labels: labels to set; labels the control plane computes are added to the output.
        :param adopt: take over a resource that already exists instead of failing.
        :param control_plane: manage the resource on this control plane instead of the one in the stack config.
        :param opts: Pulumi resource options.
        """
        super().__init__(
            resource_name,
            spec=spec,
            mesh=mesh,
            name=name,
            labels=labels,
            adopt=adopt,
            control_plane=control_plane,
            opts=opts,
        )


class MeshService(KumaResource, module="kuma", name="MeshService"):
    """MeshService.

    Mesh-scoped: lives in one mesh (``mesh=``, default ``"default"``); REST path ``/meshes/{mesh}/meshservices/{name}``.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.MeshService(
            "example",
            mesh="default",
            spec={},
        )

    ## Outputs

    ``name``, ``mesh``, ``labels`` (with the labels the control plane computes), ``spec`` (as stored, defaults applied), ``kri``, ``creation_time``, ``modification_time``, ``warnings``.

    ## Adopt and refresh

    Creating fails when the resource already exists on the control plane, unless ``adopt=True``. ``pulumi refresh`` reads the live resource back; changes made outside Pulumi show as a diff on the next ``up``, and a resource deleted outside Pulumi is removed from the state.
    """

    _kind_name: ClassVar[str] = "MeshService"
    mesh: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        *,
        spec: pulumi.Input[MeshServiceSpecArgs | Mapping[str, Any]] | None = None,
        mesh: pulumi.Input[str] = "default",
        name: pulumi.Input[str] | None = None,
        labels: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,
        adopt: pulumi.Input[bool] = False,
        control_plane: ControlPlane | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare a MeshService.

        :param resource_name: the Pulumi resource name (also the Kuma name unless ``name`` is given).
        :param spec: the spec: a ``MeshServiceSpecArgs`` or a dict in Kuma's JSON shape (camelCase).
        :param mesh: the mesh the resource belongs to.
        :param name: the name on the control plane; defaults to ``resource_name``.
        :param labels: labels to set; labels the control plane computes are added to the output.
        :param adopt: take over a resource that already exists instead of failing.
        :param control_plane: manage the resource on this control plane instead of the one in the stack config.
        :param opts: Pulumi resource options.
        """
        super().__init__(
            resource_name,
            spec=spec,
            mesh=mesh,
            name=name,
            labels=labels,
            adopt=adopt,
            control_plane=control_plane,
            opts=opts,
        )


class MeshExternalService(KumaResource, module="kuma", name="MeshExternalService"):
    """MeshExternalService.

    Mesh-scoped: lives in one mesh (``mesh=``, default ``"default"``); REST path ``/meshes/{mesh}/meshexternalservices/{name}``.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.MeshExternalService(
            "example",
            mesh="default",
            spec={},
        )

    ## Outputs

    ``name``, ``mesh``, ``labels`` (with the labels the control plane computes), ``spec`` (as stored, defaults applied), ``kri``, ``creation_time``, ``modification_time``, ``warnings``.

    ## Adopt and refresh

    Creating fails when the resource already exists on the control plane, unless ``adopt=True``. ``pulumi refresh`` reads the live resource back; changes made outside Pulumi show as a diff on the next ``up``, and a resource deleted outside Pulumi is removed from the state.
    """

    _kind_name: ClassVar[str] = "MeshExternalService"
    mesh: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        *,
        spec: pulumi.Input[MeshExternalServiceSpecArgs | Mapping[str, Any]] | None = None,
        mesh: pulumi.Input[str] = "default",
        name: pulumi.Input[str] | None = None,
        labels: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,
        adopt: pulumi.Input[bool] = False,
        control_plane: ControlPlane | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare a MeshExternalService.

        :param resource_name: the Pulumi resource name (also the Kuma name unless ``name`` is given).
        :param spec: the spec: a ``MeshExternalServiceSpecArgs`` or a dict in Kuma's JSON shape (camelCase).
        :param mesh: the mesh the resource belongs to.
        :param name: the name on the control plane; defaults to ``resource_name``.
        :param labels: labels to set; labels the control plane computes are added to the output.
        :param adopt: take over a resource that already exists instead of failing.
        :param control_plane: manage the resource on this control plane instead of the one in the stack config.
        :param opts: Pulumi resource options.
        """
        super().__init__(
            resource_name,
            spec=spec,
            mesh=mesh,
            name=name,
            labels=labels,
            adopt=adopt,
            control_plane=control_plane,
            opts=opts,
        )


class MeshMultiZoneService(KumaResource, module="kuma", name="MeshMultiZoneService"):
    """MeshMultiZoneService.

    Mesh-scoped: lives in one mesh (``mesh=``, default ``"default"``); REST path ``/meshes/{mesh}/meshmultizoneservices/{name}``.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.MeshMultiZoneService(
            "example",
            mesh="default",
            spec={},
        )

    ## Outputs

    ``name``, ``mesh``, ``labels`` (with the labels the control plane computes), ``spec`` (as stored, defaults applied), ``kri``, ``creation_time``, ``modification_time``, ``warnings``.

    ## Adopt and refresh

    Creating fails when the resource already exists on the control plane, unless ``adopt=True``. ``pulumi refresh`` reads the live resource back; changes made outside Pulumi show as a diff on the next ``up``, and a resource deleted outside Pulumi is removed from the state.
    """

    _kind_name: ClassVar[str] = "MeshMultiZoneService"
    mesh: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        *,
        spec: pulumi.Input[MeshMultiZoneServiceSpecArgs | Mapping[str, Any]] | None = None,
        mesh: pulumi.Input[str] = "default",
        name: pulumi.Input[str] | None = None,
        labels: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,
        adopt: pulumi.Input[bool] = False,
        control_plane: ControlPlane | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare a MeshMultiZoneService.

        :param resource_name: the Pulumi resource name (also the Kuma name unless ``name`` is given).
        :param spec: the spec: a ``MeshMultiZoneServiceSpecArgs`` or a dict in Kuma's JSON shape (camelCase).
        :param mesh: the mesh the resource belongs to.
        :param name: the name on the control plane; defaults to ``resource_name``.
        :param labels: labels to set; labels the control plane computes are added to the output.
        :param adopt: take over a resource that already exists instead of failing.
        :param control_plane: manage the resource on this control plane instead of the one in the stack config.
        :param opts: Pulumi resource options.
        """
        super().__init__(
            resource_name,
            spec=spec,
            mesh=mesh,
            name=name,
            labels=labels,
            adopt=adopt,
            control_plane=control_plane,
            opts=opts,
        )


class MeshIdentity(KumaResource, module="kuma", name="MeshIdentity"):
    """MeshIdentity.

    Mesh-scoped: lives in one mesh (``mesh=``, default ``"default"``); REST path ``/meshes/{mesh}/meshidentities/{name}``.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.MeshIdentity(
            "example",
            mesh="default",
            spec={},
        )

    ## Outputs

    ``name``, ``mesh``, ``labels`` (with the labels the control plane computes), ``spec`` (as stored, defaults applied), ``kri``, ``creation_time``, ``modification_time``, ``warnings``.

    ## Adopt and refresh

    Creating fails when the resource already exists on the control plane, unless ``adopt=True``. ``pulumi refresh`` reads the live resource back; changes made outside Pulumi show as a diff on the next ``up``, and a resource deleted outside Pulumi is removed from the state.
    """

    _kind_name: ClassVar[str] = "MeshIdentity"
    mesh: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        *,
        spec: pulumi.Input[MeshIdentitySpecArgs | Mapping[str, Any]] | None = None,
        mesh: pulumi.Input[str] = "default",
        name: pulumi.Input[str] | None = None,
        labels: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,
        adopt: pulumi.Input[bool] = False,
        control_plane: ControlPlane | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare a MeshIdentity.

        :param resource_name: the Pulumi resource name (also the Kuma name unless ``name`` is given).
        :param spec: the spec: a ``MeshIdentitySpecArgs`` or a dict in Kuma's JSON shape (camelCase).
        :param mesh: the mesh the resource belongs to.
        :param name: the name on the control plane; defaults to ``resource_name``.
        :param labels: labels to set; labels the control plane computes are added to the output.
        :param adopt: take over a resource that already exists instead of failing.
        :param control_plane: manage the resource on this control plane instead of the one in the stack config.
        :param opts: Pulumi resource options.
        """
        super().__init__(
            resource_name,
            spec=spec,
            mesh=mesh,
            name=name,
            labels=labels,
            adopt=adopt,
            control_plane=control_plane,
            opts=opts,
        )


class MeshTrust(KumaResource, module="kuma", name="MeshTrust"):
    """MeshTrust.

    Mesh-scoped: lives in one mesh (``mesh=``, default ``"default"``); REST path ``/meshes/{mesh}/meshtrusts/{name}``.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.MeshTrust(
            "example",
            mesh="default",
            spec={},
        )

    ## Outputs

    ``name``, ``mesh``, ``labels`` (with the labels the control plane computes), ``spec`` (as stored, defaults applied), ``kri``, ``creation_time``, ``modification_time``, ``warnings``.

    ## Adopt and refresh

    Creating fails when the resource already exists on the control plane, unless ``adopt=True``. ``pulumi refresh`` reads the live resource back; changes made outside Pulumi show as a diff on the next ``up``, and a resource deleted outside Pulumi is removed from the state.
    """

    _kind_name: ClassVar[str] = "MeshTrust"
    mesh: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        *,
        spec: pulumi.Input[MeshTrustSpecArgs | Mapping[str, Any]] | None = None,
        mesh: pulumi.Input[str] = "default",
        name: pulumi.Input[str] | None = None,
        labels: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,
        adopt: pulumi.Input[bool] = False,
        control_plane: ControlPlane | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare a MeshTrust.

        :param resource_name: the Pulumi resource name (also the Kuma name unless ``name`` is given).
        :param spec: the spec: a ``MeshTrustSpecArgs`` or a dict in Kuma's JSON shape (camelCase).
        :param mesh: the mesh the resource belongs to.
        :param name: the name on the control plane; defaults to ``resource_name``.
        :param labels: labels to set; labels the control plane computes are added to the output.
        :param adopt: take over a resource that already exists instead of failing.
        :param control_plane: manage the resource on this control plane instead of the one in the stack config.
        :param opts: Pulumi resource options.
        """
        super().__init__(
            resource_name,
            spec=spec,
            mesh=mesh,
            name=name,
            labels=labels,
            adopt=adopt,
            control_plane=control_plane,
            opts=opts,
        )


class MeshOpenTelemetryBackend(KumaResource, module="kuma", name="MeshOpenTelemetryBackend"):
    """MeshOpenTelemetryBackend.

    Mesh-scoped: lives in one mesh (``mesh=``, default ``"default"``); REST path ``/meshes/{mesh}/meshopentelemetrybackends/{name}``.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.MeshOpenTelemetryBackend(
            "example",
            mesh="default",
            spec={},
        )

    ## Outputs

    ``name``, ``mesh``, ``labels`` (with the labels the control plane computes), ``spec`` (as stored, defaults applied), ``kri``, ``creation_time``, ``modification_time``, ``warnings``.

    ## Adopt and refresh

    Creating fails when the resource already exists on the control plane, unless ``adopt=True``. ``pulumi refresh`` reads the live resource back; changes made outside Pulumi show as a diff on the next ``up``, and a resource deleted outside Pulumi is removed from the state.
    """

    _kind_name: ClassVar[str] = "MeshOpenTelemetryBackend"
    mesh: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        *,
        spec: pulumi.Input[MeshOpenTelemetryBackendSpecArgs | Mapping[str, Any]] | None = None,
        mesh: pulumi.Input[str] = "default",
        name: pulumi.Input[str] | None = None,
        labels: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,
        adopt: pulumi.Input[bool] = False,
        control_plane: ControlPlane | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare a MeshOpenTelemetryBackend.

        :param resource_name: the Pulumi resource name (also the Kuma name unless ``name`` is given).
        :param spec: the spec: a ``MeshOpenTelemetryBackendSpecArgs`` or a dict in Kuma's JSON shape (camelCase).
        :param mesh: the mesh the resource belongs to.
        :param name: the name on the control plane; defaults to ``resource_name``.
        :param labels: labels to set; labels the control plane computes are added to the output.
        :param adopt: take over a resource that already exists instead of failing.
        :param control_plane: manage the resource on this control plane instead of the one in the stack config.
        :param opts: Pulumi resource options.
        """
        super().__init__(
            resource_name,
            spec=spec,
            mesh=mesh,
            name=name,
            labels=labels,
            adopt=adopt,
            control_plane=control_plane,
            opts=opts,
        )


class HostnameGenerator(KumaResource, module="kuma", name="HostnameGenerator"):
    """HostnameGenerator.

    Global: REST path ``/hostnamegenerators/{name}``.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.HostnameGenerator(
            "example",
            spec={},
        )

    ## Outputs

    ``name``, ``labels`` (with the labels the control plane computes), ``spec`` (as stored, defaults applied), ``kri``, ``creation_time``, ``modification_time``, ``warnings``.

    ## Adopt and refresh

    Creating fails when the resource already exists on the control plane, unless ``adopt=True``. ``pulumi refresh`` reads the live resource back; changes made outside Pulumi show as a diff on the next ``up``, and a resource deleted outside Pulumi is removed from the state.
    """

    _kind_name: ClassVar[str] = "HostnameGenerator"

    def __init__(
        self,
        resource_name: str,
        *,
        spec: pulumi.Input[HostnameGeneratorSpecArgs | Mapping[str, Any]] | None = None,
        name: pulumi.Input[str] | None = None,
        labels: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,
        adopt: pulumi.Input[bool] = False,
        control_plane: ControlPlane | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare a HostnameGenerator.

        :param resource_name: the Pulumi resource name (also the Kuma name unless ``name`` is given).
        :param spec: the spec: a ``HostnameGeneratorSpecArgs`` or a dict in Kuma's JSON shape (camelCase).
        :param name: the name on the control plane; defaults to ``resource_name``.
        :param labels: labels to set; labels the control plane computes are added to the output.
        :param adopt: take over a resource that already exists instead of failing.
        :param control_plane: manage the resource on this control plane instead of the one in the stack config.
        :param opts: Pulumi resource options.
        """
        super().__init__(
            resource_name,
            spec=spec,
            name=name,
            labels=labels,
            adopt=adopt,
            control_plane=control_plane,
            opts=opts,
        )


class Secret(KumaResource, module="kuma", name="Secret"):
    """Secret.

    Mesh-scoped: lives in one mesh (``mesh=``, default ``"default"``); REST path ``/meshes/{mesh}/secrets/{name}``.

    On the wire the spec's fields sit beside the resource's meta (an old-style kind); ``spec`` here still holds just those fields.

    The spec holds secret data: it is stored as a Pulumi secret (inputs and outputs).

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.Secret(
            "example",
            mesh="default",
            spec={},
        )

    ## Outputs

    ``name``, ``mesh``, ``labels`` (with the labels the control plane computes), ``spec`` (as stored, defaults applied), ``kri``, ``creation_time``, ``modification_time``, ``warnings``.

    ## Adopt and refresh

    Creating fails when the resource already exists on the control plane, unless ``adopt=True``. ``pulumi refresh`` reads the live resource back; changes made outside Pulumi show as a diff on the next ``up``, and a resource deleted outside Pulumi is removed from the state.
    """

    _kind_name: ClassVar[str] = "Secret"
    mesh: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        *,
        spec: pulumi.Input[SecretSpecArgs | Mapping[str, Any]] | None = None,
        mesh: pulumi.Input[str] = "default",
        name: pulumi.Input[str] | None = None,
        labels: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,
        adopt: pulumi.Input[bool] = False,
        control_plane: ControlPlane | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare a Secret.

        :param resource_name: the Pulumi resource name (also the Kuma name unless ``name`` is given).
        :param spec: the spec: a ``SecretSpecArgs`` or a dict in Kuma's JSON shape (camelCase).
        :param mesh: the mesh the resource belongs to.
        :param name: the name on the control plane; defaults to ``resource_name``.
        :param labels: labels to set; labels the control plane computes are added to the output.
        :param adopt: take over a resource that already exists instead of failing.
        :param control_plane: manage the resource on this control plane instead of the one in the stack config.
        :param opts: Pulumi resource options.
        """
        super().__init__(
            resource_name,
            spec=spec,
            mesh=mesh,
            name=name,
            labels=labels,
            adopt=adopt,
            control_plane=control_plane,
            opts=opts,
        )


class GlobalSecret(KumaResource, module="kuma", name="GlobalSecret"):
    """GlobalSecret.

    Global: REST path ``/globalsecrets/{name}``.

    On the wire the spec's fields sit beside the resource's meta (an old-style kind); ``spec`` here still holds just those fields.

    The spec holds secret data: it is stored as a Pulumi secret (inputs and outputs).

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.GlobalSecret(
            "example",
            spec={},
        )

    ## Outputs

    ``name``, ``labels`` (with the labels the control plane computes), ``spec`` (as stored, defaults applied), ``kri``, ``creation_time``, ``modification_time``, ``warnings``.

    ## Adopt and refresh

    Creating fails when the resource already exists on the control plane, unless ``adopt=True``. ``pulumi refresh`` reads the live resource back; changes made outside Pulumi show as a diff on the next ``up``, and a resource deleted outside Pulumi is removed from the state.
    """

    _kind_name: ClassVar[str] = "GlobalSecret"

    def __init__(
        self,
        resource_name: str,
        *,
        spec: pulumi.Input[GlobalSecretSpecArgs | Mapping[str, Any]] | None = None,
        name: pulumi.Input[str] | None = None,
        labels: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,
        adopt: pulumi.Input[bool] = False,
        control_plane: ControlPlane | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare a GlobalSecret.

        :param resource_name: the Pulumi resource name (also the Kuma name unless ``name`` is given).
        :param spec: the spec: a ``GlobalSecretSpecArgs`` or a dict in Kuma's JSON shape (camelCase).
        :param name: the name on the control plane; defaults to ``resource_name``.
        :param labels: labels to set; labels the control plane computes are added to the output.
        :param adopt: take over a resource that already exists instead of failing.
        :param control_plane: manage the resource on this control plane instead of the one in the stack config.
        :param opts: Pulumi resource options.
        """
        super().__init__(
            resource_name,
            spec=spec,
            name=name,
            labels=labels,
            adopt=adopt,
            control_plane=control_plane,
            opts=opts,
        )


class MeshAccessLog(KumaResource, module="kuma", name="MeshAccessLog"):
    """MeshAccessLog.

    Mesh-scoped: lives in one mesh (``mesh=``, default ``"default"``); REST path ``/meshes/{mesh}/meshaccesslogs/{name}``.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.MeshAccessLog(
            "example",
            mesh="default",
            spec={},
        )

    ## Outputs

    ``name``, ``mesh``, ``labels`` (with the labels the control plane computes), ``spec`` (as stored, defaults applied), ``kri``, ``creation_time``, ``modification_time``, ``warnings``.

    ## Adopt and refresh

    Creating fails when the resource already exists on the control plane, unless ``adopt=True``. ``pulumi refresh`` reads the live resource back; changes made outside Pulumi show as a diff on the next ``up``, and a resource deleted outside Pulumi is removed from the state.
    """

    _kind_name: ClassVar[str] = "MeshAccessLog"
    mesh: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        *,
        spec: pulumi.Input[MeshAccessLogSpecArgs | Mapping[str, Any]] | None = None,
        mesh: pulumi.Input[str] = "default",
        name: pulumi.Input[str] | None = None,
        labels: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,
        adopt: pulumi.Input[bool] = False,
        control_plane: ControlPlane | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare a MeshAccessLog.

        :param resource_name: the Pulumi resource name (also the Kuma name unless ``name`` is given).
        :param spec: the spec: a ``MeshAccessLogSpecArgs`` or a dict in Kuma's JSON shape (camelCase).
        :param mesh: the mesh the resource belongs to.
        :param name: the name on the control plane; defaults to ``resource_name``.
        :param labels: labels to set; labels the control plane computes are added to the output.
        :param adopt: take over a resource that already exists instead of failing.
        :param control_plane: manage the resource on this control plane instead of the one in the stack config.
        :param opts: Pulumi resource options.
        """
        super().__init__(
            resource_name,
            spec=spec,
            mesh=mesh,
            name=name,
            labels=labels,
            adopt=adopt,
            control_plane=control_plane,
            opts=opts,
        )


class MeshCircuitBreaker(KumaResource, module="kuma", name="MeshCircuitBreaker"):
    """MeshCircuitBreaker.

    Mesh-scoped: lives in one mesh (``mesh=``, default ``"default"``); REST path ``/meshes/{mesh}/meshcircuitbreakers/{name}``.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.MeshCircuitBreaker(
            "example",
            mesh="default",
            spec={},
        )

    ## Outputs

    ``name``, ``mesh``, ``labels`` (with the labels the control plane computes), ``spec`` (as stored, defaults applied), ``kri``, ``creation_time``, ``modification_time``, ``warnings``.

    ## Adopt and refresh

    Creating fails when the resource already exists on the control plane, unless ``adopt=True``. ``pulumi refresh`` reads the live resource back; changes made outside Pulumi show as a diff on the next ``up``, and a resource deleted outside Pulumi is removed from the state.
    """

    _kind_name: ClassVar[str] = "MeshCircuitBreaker"
    mesh: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        *,
        spec: pulumi.Input[MeshCircuitBreakerSpecArgs | Mapping[str, Any]] | None = None,
        mesh: pulumi.Input[str] = "default",
        name: pulumi.Input[str] | None = None,
        labels: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,
        adopt: pulumi.Input[bool] = False,
        control_plane: ControlPlane | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare a MeshCircuitBreaker.

        :param resource_name: the Pulumi resource name (also the Kuma name unless ``name`` is given).
        :param spec: the spec: a ``MeshCircuitBreakerSpecArgs`` or a dict in Kuma's JSON shape (camelCase).
        :param mesh: the mesh the resource belongs to.
        :param name: the name on the control plane; defaults to ``resource_name``.
        :param labels: labels to set; labels the control plane computes are added to the output.
        :param adopt: take over a resource that already exists instead of failing.
        :param control_plane: manage the resource on this control plane instead of the one in the stack config.
        :param opts: Pulumi resource options.
        """
        super().__init__(
            resource_name,
            spec=spec,
            mesh=mesh,
            name=name,
            labels=labels,
            adopt=adopt,
            control_plane=control_plane,
            opts=opts,
        )


class MeshFaultInjection(KumaResource, module="kuma", name="MeshFaultInjection"):
    """MeshFaultInjection.

    Mesh-scoped: lives in one mesh (``mesh=``, default ``"default"``); REST path ``/meshes/{mesh}/meshfaultinjections/{name}``.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.MeshFaultInjection(
            "example",
            mesh="default",
            spec={},
        )

    ## Outputs

    ``name``, ``mesh``, ``labels`` (with the labels the control plane computes), ``spec`` (as stored, defaults applied), ``kri``, ``creation_time``, ``modification_time``, ``warnings``.

    ## Adopt and refresh

    Creating fails when the resource already exists on the control plane, unless ``adopt=True``. ``pulumi refresh`` reads the live resource back; changes made outside Pulumi show as a diff on the next ``up``, and a resource deleted outside Pulumi is removed from the state.
    """

    _kind_name: ClassVar[str] = "MeshFaultInjection"
    mesh: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        *,
        spec: pulumi.Input[MeshFaultInjectionSpecArgs | Mapping[str, Any]] | None = None,
        mesh: pulumi.Input[str] = "default",
        name: pulumi.Input[str] | None = None,
        labels: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,
        adopt: pulumi.Input[bool] = False,
        control_plane: ControlPlane | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare a MeshFaultInjection.

        :param resource_name: the Pulumi resource name (also the Kuma name unless ``name`` is given).
        :param spec: the spec: a ``MeshFaultInjectionSpecArgs`` or a dict in Kuma's JSON shape (camelCase).
        :param mesh: the mesh the resource belongs to.
        :param name: the name on the control plane; defaults to ``resource_name``.
        :param labels: labels to set; labels the control plane computes are added to the output.
        :param adopt: take over a resource that already exists instead of failing.
        :param control_plane: manage the resource on this control plane instead of the one in the stack config.
        :param opts: Pulumi resource options.
        """
        super().__init__(
            resource_name,
            spec=spec,
            mesh=mesh,
            name=name,
            labels=labels,
            adopt=adopt,
            control_plane=control_plane,
            opts=opts,
        )


class MeshHealthCheck(KumaResource, module="kuma", name="MeshHealthCheck"):
    """MeshHealthCheck.

    Mesh-scoped: lives in one mesh (``mesh=``, default ``"default"``); REST path ``/meshes/{mesh}/meshhealthchecks/{name}``.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.MeshHealthCheck(
            "example",
            mesh="default",
            spec={},
        )

    ## Outputs

    ``name``, ``mesh``, ``labels`` (with the labels the control plane computes), ``spec`` (as stored, defaults applied), ``kri``, ``creation_time``, ``modification_time``, ``warnings``.

    ## Adopt and refresh

    Creating fails when the resource already exists on the control plane, unless ``adopt=True``. ``pulumi refresh`` reads the live resource back; changes made outside Pulumi show as a diff on the next ``up``, and a resource deleted outside Pulumi is removed from the state.
    """

    _kind_name: ClassVar[str] = "MeshHealthCheck"
    mesh: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        *,
        spec: pulumi.Input[MeshHealthCheckSpecArgs | Mapping[str, Any]] | None = None,
        mesh: pulumi.Input[str] = "default",
        name: pulumi.Input[str] | None = None,
        labels: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,
        adopt: pulumi.Input[bool] = False,
        control_plane: ControlPlane | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare a MeshHealthCheck.

        :param resource_name: the Pulumi resource name (also the Kuma name unless ``name`` is given).
        :param spec: the spec: a ``MeshHealthCheckSpecArgs`` or a dict in Kuma's JSON shape (camelCase).
        :param mesh: the mesh the resource belongs to.
        :param name: the name on the control plane; defaults to ``resource_name``.
        :param labels: labels to set; labels the control plane computes are added to the output.
        :param adopt: take over a resource that already exists instead of failing.
        :param control_plane: manage the resource on this control plane instead of the one in the stack config.
        :param opts: Pulumi resource options.
        """
        super().__init__(
            resource_name,
            spec=spec,
            mesh=mesh,
            name=name,
            labels=labels,
            adopt=adopt,
            control_plane=control_plane,
            opts=opts,
        )


class MeshHTTPRoute(KumaResource, module="kuma", name="MeshHTTPRoute"):
    """MeshHTTPRoute.

    Mesh-scoped: lives in one mesh (``mesh=``, default ``"default"``); REST path ``/meshes/{mesh}/meshhttproutes/{name}``.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.MeshHTTPRoute(
            "example",
            mesh="default",
            spec={},
        )

    ## Outputs

    ``name``, ``mesh``, ``labels`` (with the labels the control plane computes), ``spec`` (as stored, defaults applied), ``kri``, ``creation_time``, ``modification_time``, ``warnings``.

    ## Adopt and refresh

    Creating fails when the resource already exists on the control plane, unless ``adopt=True``. ``pulumi refresh`` reads the live resource back; changes made outside Pulumi show as a diff on the next ``up``, and a resource deleted outside Pulumi is removed from the state.
    """

    _kind_name: ClassVar[str] = "MeshHTTPRoute"
    mesh: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        *,
        spec: pulumi.Input[MeshHTTPRouteSpecArgs | Mapping[str, Any]] | None = None,
        mesh: pulumi.Input[str] = "default",
        name: pulumi.Input[str] | None = None,
        labels: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,
        adopt: pulumi.Input[bool] = False,
        control_plane: ControlPlane | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare a MeshHTTPRoute.

        :param resource_name: the Pulumi resource name (also the Kuma name unless ``name`` is given).
        :param spec: the spec: a ``MeshHTTPRouteSpecArgs`` or a dict in Kuma's JSON shape (camelCase).
        :param mesh: the mesh the resource belongs to.
        :param name: the name on the control plane; defaults to ``resource_name``.
        :param labels: labels to set; labels the control plane computes are added to the output.
        :param adopt: take over a resource that already exists instead of failing.
        :param control_plane: manage the resource on this control plane instead of the one in the stack config.
        :param opts: Pulumi resource options.
        """
        super().__init__(
            resource_name,
            spec=spec,
            mesh=mesh,
            name=name,
            labels=labels,
            adopt=adopt,
            control_plane=control_plane,
            opts=opts,
        )


class MeshLoadBalancingStrategy(KumaResource, module="kuma", name="MeshLoadBalancingStrategy"):
    """MeshLoadBalancingStrategy.

    Mesh-scoped: lives in one mesh (``mesh=``, default ``"default"``); REST path ``/meshes/{mesh}/meshloadbalancingstrategies/{name}``.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.MeshLoadBalancingStrategy(
            "example",
            mesh="default",
            spec={},
        )

    ## Outputs

    ``name``, ``mesh``, ``labels`` (with the labels the control plane computes), ``spec`` (as stored, defaults applied), ``kri``, ``creation_time``, ``modification_time``, ``warnings``.

    ## Adopt and refresh

    Creating fails when the resource already exists on the control plane, unless ``adopt=True``. ``pulumi refresh`` reads the live resource back; changes made outside Pulumi show as a diff on the next ``up``, and a resource deleted outside Pulumi is removed from the state.
    """

    _kind_name: ClassVar[str] = "MeshLoadBalancingStrategy"
    mesh: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        *,
        spec: pulumi.Input[MeshLoadBalancingStrategySpecArgs | Mapping[str, Any]] | None = None,
        mesh: pulumi.Input[str] = "default",
        name: pulumi.Input[str] | None = None,
        labels: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,
        adopt: pulumi.Input[bool] = False,
        control_plane: ControlPlane | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare a MeshLoadBalancingStrategy.

        :param resource_name: the Pulumi resource name (also the Kuma name unless ``name`` is given).
        :param spec: the spec: a ``MeshLoadBalancingStrategySpecArgs`` or a dict in Kuma's JSON shape (camelCase).
        :param mesh: the mesh the resource belongs to.
        :param name: the name on the control plane; defaults to ``resource_name``.
        :param labels: labels to set; labels the control plane computes are added to the output.
        :param adopt: take over a resource that already exists instead of failing.
        :param control_plane: manage the resource on this control plane instead of the one in the stack config.
        :param opts: Pulumi resource options.
        """
        super().__init__(
            resource_name,
            spec=spec,
            mesh=mesh,
            name=name,
            labels=labels,
            adopt=adopt,
            control_plane=control_plane,
            opts=opts,
        )


class MeshMetric(KumaResource, module="kuma", name="MeshMetric"):
    """MeshMetric.

    Mesh-scoped: lives in one mesh (``mesh=``, default ``"default"``); REST path ``/meshes/{mesh}/meshmetrics/{name}``.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.MeshMetric(
            "example",
            mesh="default",
            spec={},
        )

    ## Outputs

    ``name``, ``mesh``, ``labels`` (with the labels the control plane computes), ``spec`` (as stored, defaults applied), ``kri``, ``creation_time``, ``modification_time``, ``warnings``.

    ## Adopt and refresh

    Creating fails when the resource already exists on the control plane, unless ``adopt=True``. ``pulumi refresh`` reads the live resource back; changes made outside Pulumi show as a diff on the next ``up``, and a resource deleted outside Pulumi is removed from the state.
    """

    _kind_name: ClassVar[str] = "MeshMetric"
    mesh: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        *,
        spec: pulumi.Input[MeshMetricSpecArgs | Mapping[str, Any]] | None = None,
        mesh: pulumi.Input[str] = "default",
        name: pulumi.Input[str] | None = None,
        labels: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,
        adopt: pulumi.Input[bool] = False,
        control_plane: ControlPlane | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare a MeshMetric.

        :param resource_name: the Pulumi resource name (also the Kuma name unless ``name`` is given).
        :param spec: the spec: a ``MeshMetricSpecArgs`` or a dict in Kuma's JSON shape (camelCase).
        :param mesh: the mesh the resource belongs to.
        :param name: the name on the control plane; defaults to ``resource_name``.
        :param labels: labels to set; labels the control plane computes are added to the output.
        :param adopt: take over a resource that already exists instead of failing.
        :param control_plane: manage the resource on this control plane instead of the one in the stack config.
        :param opts: Pulumi resource options.
        """
        super().__init__(
            resource_name,
            spec=spec,
            mesh=mesh,
            name=name,
            labels=labels,
            adopt=adopt,
            control_plane=control_plane,
            opts=opts,
        )


class MeshPassthrough(KumaResource, module="kuma", name="MeshPassthrough"):
    """MeshPassthrough.

    Mesh-scoped: lives in one mesh (``mesh=``, default ``"default"``); REST path ``/meshes/{mesh}/meshpassthroughs/{name}``.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.MeshPassthrough(
            "example",
            mesh="default",
            spec={},
        )

    ## Outputs

    ``name``, ``mesh``, ``labels`` (with the labels the control plane computes), ``spec`` (as stored, defaults applied), ``kri``, ``creation_time``, ``modification_time``, ``warnings``.

    ## Adopt and refresh

    Creating fails when the resource already exists on the control plane, unless ``adopt=True``. ``pulumi refresh`` reads the live resource back; changes made outside Pulumi show as a diff on the next ``up``, and a resource deleted outside Pulumi is removed from the state.
    """

    _kind_name: ClassVar[str] = "MeshPassthrough"
    mesh: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        *,
        spec: pulumi.Input[MeshPassthroughSpecArgs | Mapping[str, Any]] | None = None,
        mesh: pulumi.Input[str] = "default",
        name: pulumi.Input[str] | None = None,
        labels: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,
        adopt: pulumi.Input[bool] = False,
        control_plane: ControlPlane | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare a MeshPassthrough.

        :param resource_name: the Pulumi resource name (also the Kuma name unless ``name`` is given).
        :param spec: the spec: a ``MeshPassthroughSpecArgs`` or a dict in Kuma's JSON shape (camelCase).
        :param mesh: the mesh the resource belongs to.
        :param name: the name on the control plane; defaults to ``resource_name``.
        :param labels: labels to set; labels the control plane computes are added to the output.
        :param adopt: take over a resource that already exists instead of failing.
        :param control_plane: manage the resource on this control plane instead of the one in the stack config.
        :param opts: Pulumi resource options.
        """
        super().__init__(
            resource_name,
            spec=spec,
            mesh=mesh,
            name=name,
            labels=labels,
            adopt=adopt,
            control_plane=control_plane,
            opts=opts,
        )


class MeshProxyPatch(KumaResource, module="kuma", name="MeshProxyPatch"):
    """MeshProxyPatch.

    Mesh-scoped: lives in one mesh (``mesh=``, default ``"default"``); REST path ``/meshes/{mesh}/meshproxypatches/{name}``.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.MeshProxyPatch(
            "example",
            mesh="default",
            spec={},
        )

    ## Outputs

    ``name``, ``mesh``, ``labels`` (with the labels the control plane computes), ``spec`` (as stored, defaults applied), ``kri``, ``creation_time``, ``modification_time``, ``warnings``.

    ## Adopt and refresh

    Creating fails when the resource already exists on the control plane, unless ``adopt=True``. ``pulumi refresh`` reads the live resource back; changes made outside Pulumi show as a diff on the next ``up``, and a resource deleted outside Pulumi is removed from the state.
    """

    _kind_name: ClassVar[str] = "MeshProxyPatch"
    mesh: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        *,
        spec: pulumi.Input[MeshProxyPatchSpecArgs | Mapping[str, Any]] | None = None,
        mesh: pulumi.Input[str] = "default",
        name: pulumi.Input[str] | None = None,
        labels: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,
        adopt: pulumi.Input[bool] = False,
        control_plane: ControlPlane | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare a MeshProxyPatch.

        :param resource_name: the Pulumi resource name (also the Kuma name unless ``name`` is given).
        :param spec: the spec: a ``MeshProxyPatchSpecArgs`` or a dict in Kuma's JSON shape (camelCase).
        :param mesh: the mesh the resource belongs to.
        :param name: the name on the control plane; defaults to ``resource_name``.
        :param labels: labels to set; labels the control plane computes are added to the output.
        :param adopt: take over a resource that already exists instead of failing.
        :param control_plane: manage the resource on this control plane instead of the one in the stack config.
        :param opts: Pulumi resource options.
        """
        super().__init__(
            resource_name,
            spec=spec,
            mesh=mesh,
            name=name,
            labels=labels,
            adopt=adopt,
            control_plane=control_plane,
            opts=opts,
        )


class MeshRateLimit(KumaResource, module="kuma", name="MeshRateLimit"):
    """MeshRateLimit.

    Mesh-scoped: lives in one mesh (``mesh=``, default ``"default"``); REST path ``/meshes/{mesh}/meshratelimits/{name}``.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.MeshRateLimit(
            "example",
            mesh="default",
            spec={},
        )

    ## Outputs

    ``name``, ``mesh``, ``labels`` (with the labels the control plane computes), ``spec`` (as stored, defaults applied), ``kri``, ``creation_time``, ``modification_time``, ``warnings``.

    ## Adopt and refresh

    Creating fails when the resource already exists on the control plane, unless ``adopt=True``. ``pulumi refresh`` reads the live resource back; changes made outside Pulumi show as a diff on the next ``up``, and a resource deleted outside Pulumi is removed from the state.
    """

    _kind_name: ClassVar[str] = "MeshRateLimit"
    mesh: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        *,
        spec: pulumi.Input[MeshRateLimitSpecArgs | Mapping[str, Any]] | None = None,
        mesh: pulumi.Input[str] = "default",
        name: pulumi.Input[str] | None = None,
        labels: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,
        adopt: pulumi.Input[bool] = False,
        control_plane: ControlPlane | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare a MeshRateLimit.

        :param resource_name: the Pulumi resource name (also the Kuma name unless ``name`` is given).
        :param spec: the spec: a ``MeshRateLimitSpecArgs`` or a dict in Kuma's JSON shape (camelCase).
        :param mesh: the mesh the resource belongs to.
        :param name: the name on the control plane; defaults to ``resource_name``.
        :param labels: labels to set; labels the control plane computes are added to the output.
        :param adopt: take over a resource that already exists instead of failing.
        :param control_plane: manage the resource on this control plane instead of the one in the stack config.
        :param opts: Pulumi resource options.
        """
        super().__init__(
            resource_name,
            spec=spec,
            mesh=mesh,
            name=name,
            labels=labels,
            adopt=adopt,
            control_plane=control_plane,
            opts=opts,
        )


class MeshRetry(KumaResource, module="kuma", name="MeshRetry"):
    """MeshRetry.

    Mesh-scoped: lives in one mesh (``mesh=``, default ``"default"``); REST path ``/meshes/{mesh}/meshretries/{name}``.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.MeshRetry(
            "example",
            mesh="default",
            spec={},
        )

    ## Outputs

    ``name``, ``mesh``, ``labels`` (with the labels the control plane computes), ``spec`` (as stored, defaults applied), ``kri``, ``creation_time``, ``modification_time``, ``warnings``.

    ## Adopt and refresh

    Creating fails when the resource already exists on the control plane, unless ``adopt=True``. ``pulumi refresh`` reads the live resource back; changes made outside Pulumi show as a diff on the next ``up``, and a resource deleted outside Pulumi is removed from the state.
    """

    _kind_name: ClassVar[str] = "MeshRetry"
    mesh: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        *,
        spec: pulumi.Input[MeshRetrySpecArgs | Mapping[str, Any]] | None = None,
        mesh: pulumi.Input[str] = "default",
        name: pulumi.Input[str] | None = None,
        labels: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,
        adopt: pulumi.Input[bool] = False,
        control_plane: ControlPlane | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare a MeshRetry.

        :param resource_name: the Pulumi resource name (also the Kuma name unless ``name`` is given).
        :param spec: the spec: a ``MeshRetrySpecArgs`` or a dict in Kuma's JSON shape (camelCase).
        :param mesh: the mesh the resource belongs to.
        :param name: the name on the control plane; defaults to ``resource_name``.
        :param labels: labels to set; labels the control plane computes are added to the output.
        :param adopt: take over a resource that already exists instead of failing.
        :param control_plane: manage the resource on this control plane instead of the one in the stack config.
        :param opts: Pulumi resource options.
        """
        super().__init__(
            resource_name,
            spec=spec,
            mesh=mesh,
            name=name,
            labels=labels,
            adopt=adopt,
            control_plane=control_plane,
            opts=opts,
        )


class MeshTCPRoute(KumaResource, module="kuma", name="MeshTCPRoute"):
    """MeshTCPRoute.

    Mesh-scoped: lives in one mesh (``mesh=``, default ``"default"``); REST path ``/meshes/{mesh}/meshtcproutes/{name}``.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.MeshTCPRoute(
            "example",
            mesh="default",
            spec={},
        )

    ## Outputs

    ``name``, ``mesh``, ``labels`` (with the labels the control plane computes), ``spec`` (as stored, defaults applied), ``kri``, ``creation_time``, ``modification_time``, ``warnings``.

    ## Adopt and refresh

    Creating fails when the resource already exists on the control plane, unless ``adopt=True``. ``pulumi refresh`` reads the live resource back; changes made outside Pulumi show as a diff on the next ``up``, and a resource deleted outside Pulumi is removed from the state.
    """

    _kind_name: ClassVar[str] = "MeshTCPRoute"
    mesh: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        *,
        spec: pulumi.Input[MeshTCPRouteSpecArgs | Mapping[str, Any]] | None = None,
        mesh: pulumi.Input[str] = "default",
        name: pulumi.Input[str] | None = None,
        labels: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,
        adopt: pulumi.Input[bool] = False,
        control_plane: ControlPlane | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare a MeshTCPRoute.

        :param resource_name: the Pulumi resource name (also the Kuma name unless ``name`` is given).
        :param spec: the spec: a ``MeshTCPRouteSpecArgs`` or a dict in Kuma's JSON shape (camelCase).
        :param mesh: the mesh the resource belongs to.
        :param name: the name on the control plane; defaults to ``resource_name``.
        :param labels: labels to set; labels the control plane computes are added to the output.
        :param adopt: take over a resource that already exists instead of failing.
        :param control_plane: manage the resource on this control plane instead of the one in the stack config.
        :param opts: Pulumi resource options.
        """
        super().__init__(
            resource_name,
            spec=spec,
            mesh=mesh,
            name=name,
            labels=labels,
            adopt=adopt,
            control_plane=control_plane,
            opts=opts,
        )


class MeshTimeout(KumaResource, module="kuma", name="MeshTimeout"):
    """Sets connection, idle and HTTP timeouts so that requests fail fast instead of hanging: outbound per destination (`to`) or inbound per listener (`rules`).

    Mesh-scoped: lives in one mesh (``mesh=``, default ``"default"``); REST path ``/meshes/{mesh}/meshtimeouts/{name}``.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.MeshTimeout(
            "example",
            mesh="default",
            spec={
                "targetRef": {
                    "kind": "Mesh",
                },
                "to": [
                    {
                        "targetRef": {
                            "kind": "MeshService",
                            "labels": {
                                "kuma.io/display-name": "backend",
                            },
                        },
                        "default": {
                            "connectionTimeout": "2s",
                            "idleTimeout": "20s",
                            "http": {
                                "requestTimeout": "5s",
                            },
                        },
                    },
                ],
            },
        )

    ## Outputs

    ``name``, ``mesh``, ``labels`` (with the labels the control plane computes), ``spec`` (as stored, defaults applied), ``kri``, ``creation_time``, ``modification_time``, ``warnings``.

    ## Adopt and refresh

    Creating fails when the resource already exists on the control plane, unless ``adopt=True``. ``pulumi refresh`` reads the live resource back; changes made outside Pulumi show as a diff on the next ``up``, and a resource deleted outside Pulumi is removed from the state.
    """

    _kind_name: ClassVar[str] = "MeshTimeout"
    mesh: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        *,
        spec: pulumi.Input[MeshTimeoutSpecArgs | Mapping[str, Any]] | None = None,
        mesh: pulumi.Input[str] = "default",
        name: pulumi.Input[str] | None = None,
        labels: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,
        adopt: pulumi.Input[bool] = False,
        control_plane: ControlPlane | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare a MeshTimeout.

        :param resource_name: the Pulumi resource name (also the Kuma name unless ``name`` is given).
        :param spec: the spec: a ``MeshTimeoutSpecArgs`` or a dict in Kuma's JSON shape (camelCase).
        :param mesh: the mesh the resource belongs to.
        :param name: the name on the control plane; defaults to ``resource_name``.
        :param labels: labels to set; labels the control plane computes are added to the output.
        :param adopt: take over a resource that already exists instead of failing.
        :param control_plane: manage the resource on this control plane instead of the one in the stack config.
        :param opts: Pulumi resource options.
        """
        super().__init__(
            resource_name,
            spec=spec,
            mesh=mesh,
            name=name,
            labels=labels,
            adopt=adopt,
            control_plane=control_plane,
            opts=opts,
        )


class MeshTLS(KumaResource, module="kuma", name="MeshTLS"):
    """MeshTLS.

    Mesh-scoped: lives in one mesh (``mesh=``, default ``"default"``); REST path ``/meshes/{mesh}/meshtlses/{name}``.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.MeshTLS(
            "example",
            mesh="default",
            spec={},
        )

    ## Outputs

    ``name``, ``mesh``, ``labels`` (with the labels the control plane computes), ``spec`` (as stored, defaults applied), ``kri``, ``creation_time``, ``modification_time``, ``warnings``.

    ## Adopt and refresh

    Creating fails when the resource already exists on the control plane, unless ``adopt=True``. ``pulumi refresh`` reads the live resource back; changes made outside Pulumi show as a diff on the next ``up``, and a resource deleted outside Pulumi is removed from the state.
    """

    _kind_name: ClassVar[str] = "MeshTLS"
    mesh: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        *,
        spec: pulumi.Input[MeshTLSSpecArgs | Mapping[str, Any]] | None = None,
        mesh: pulumi.Input[str] = "default",
        name: pulumi.Input[str] | None = None,
        labels: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,
        adopt: pulumi.Input[bool] = False,
        control_plane: ControlPlane | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare a MeshTLS.

        :param resource_name: the Pulumi resource name (also the Kuma name unless ``name`` is given).
        :param spec: the spec: a ``MeshTLSSpecArgs`` or a dict in Kuma's JSON shape (camelCase).
        :param mesh: the mesh the resource belongs to.
        :param name: the name on the control plane; defaults to ``resource_name``.
        :param labels: labels to set; labels the control plane computes are added to the output.
        :param adopt: take over a resource that already exists instead of failing.
        :param control_plane: manage the resource on this control plane instead of the one in the stack config.
        :param opts: Pulumi resource options.
        """
        super().__init__(
            resource_name,
            spec=spec,
            mesh=mesh,
            name=name,
            labels=labels,
            adopt=adopt,
            control_plane=control_plane,
            opts=opts,
        )


class MeshTrace(KumaResource, module="kuma", name="MeshTrace"):
    """MeshTrace.

    Mesh-scoped: lives in one mesh (``mesh=``, default ``"default"``); REST path ``/meshes/{mesh}/meshtraces/{name}``.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.MeshTrace(
            "example",
            mesh="default",
            spec={},
        )

    ## Outputs

    ``name``, ``mesh``, ``labels`` (with the labels the control plane computes), ``spec`` (as stored, defaults applied), ``kri``, ``creation_time``, ``modification_time``, ``warnings``.

    ## Adopt and refresh

    Creating fails when the resource already exists on the control plane, unless ``adopt=True``. ``pulumi refresh`` reads the live resource back; changes made outside Pulumi show as a diff on the next ``up``, and a resource deleted outside Pulumi is removed from the state.
    """

    _kind_name: ClassVar[str] = "MeshTrace"
    mesh: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        *,
        spec: pulumi.Input[MeshTraceSpecArgs | Mapping[str, Any]] | None = None,
        mesh: pulumi.Input[str] = "default",
        name: pulumi.Input[str] | None = None,
        labels: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,
        adopt: pulumi.Input[bool] = False,
        control_plane: ControlPlane | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare a MeshTrace.

        :param resource_name: the Pulumi resource name (also the Kuma name unless ``name`` is given).
        :param spec: the spec: a ``MeshTraceSpecArgs`` or a dict in Kuma's JSON shape (camelCase).
        :param mesh: the mesh the resource belongs to.
        :param name: the name on the control plane; defaults to ``resource_name``.
        :param labels: labels to set; labels the control plane computes are added to the output.
        :param adopt: take over a resource that already exists instead of failing.
        :param control_plane: manage the resource on this control plane instead of the one in the stack config.
        :param opts: Pulumi resource options.
        """
        super().__init__(
            resource_name,
            spec=spec,
            mesh=mesh,
            name=name,
            labels=labels,
            adopt=adopt,
            control_plane=control_plane,
            opts=opts,
        )


class MeshTrafficPermission(KumaResource, module="kuma", name="MeshTrafficPermission"):
    """MeshTrafficPermission.

    Mesh-scoped: lives in one mesh (``mesh=``, default ``"default"``); REST path ``/meshes/{mesh}/meshtrafficpermissions/{name}``.

    ## Example Usage

    .. code-block:: python

        import pulumi_kuma

        pulumi_kuma.MeshTrafficPermission(
            "example",
            mesh="default",
            spec={},
        )

    ## Outputs

    ``name``, ``mesh``, ``labels`` (with the labels the control plane computes), ``spec`` (as stored, defaults applied), ``kri``, ``creation_time``, ``modification_time``, ``warnings``.

    ## Adopt and refresh

    Creating fails when the resource already exists on the control plane, unless ``adopt=True``. ``pulumi refresh`` reads the live resource back; changes made outside Pulumi show as a diff on the next ``up``, and a resource deleted outside Pulumi is removed from the state.
    """

    _kind_name: ClassVar[str] = "MeshTrafficPermission"
    mesh: pulumi.Output[str]

    def __init__(
        self,
        resource_name: str,
        *,
        spec: pulumi.Input[MeshTrafficPermissionSpecArgs | Mapping[str, Any]] | None = None,
        mesh: pulumi.Input[str] = "default",
        name: pulumi.Input[str] | None = None,
        labels: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,
        adopt: pulumi.Input[bool] = False,
        control_plane: ControlPlane | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare a MeshTrafficPermission.

        :param resource_name: the Pulumi resource name (also the Kuma name unless ``name`` is given).
        :param spec: the spec: a ``MeshTrafficPermissionSpecArgs`` or a dict in Kuma's JSON shape (camelCase).
        :param mesh: the mesh the resource belongs to.
        :param name: the name on the control plane; defaults to ``resource_name``.
        :param labels: labels to set; labels the control plane computes are added to the output.
        :param adopt: take over a resource that already exists instead of failing.
        :param control_plane: manage the resource on this control plane instead of the one in the stack config.
        :param opts: Pulumi resource options.
        """
        super().__init__(
            resource_name,
            spec=spec,
            mesh=mesh,
            name=name,
            labels=labels,
            adopt=adopt,
            control_plane=control_plane,
            opts=opts,
        )


__all__ = [
    "Dataplane",
    "DataplaneSpecArgs",
    "GlobalSecret",
    "GlobalSecretSpecArgs",
    "HostnameGenerator",
    "HostnameGeneratorSpecArgs",
    "MatchArgs",
    "Mesh",
    "MeshAccessLog",
    "MeshAccessLogSpecArgs",
    "MeshCircuitBreaker",
    "MeshCircuitBreakerSpecArgs",
    "MeshExternalService",
    "MeshExternalServiceSpecArgs",
    "MeshFaultInjection",
    "MeshFaultInjectionSpecArgs",
    "MeshHTTPRoute",
    "MeshHTTPRouteSpecArgs",
    "MeshHealthCheck",
    "MeshHealthCheckSpecArgs",
    "MeshIdentity",
    "MeshIdentitySpecArgs",
    "MeshLoadBalancingStrategy",
    "MeshLoadBalancingStrategySpecArgs",
    "MeshMetric",
    "MeshMetricSpecArgs",
    "MeshMultiZoneService",
    "MeshMultiZoneServiceSpecArgs",
    "MeshOpenTelemetryBackend",
    "MeshOpenTelemetryBackendSpecArgs",
    "MeshPassthrough",
    "MeshPassthroughSpecArgs",
    "MeshProxyPatch",
    "MeshProxyPatchSpecArgs",
    "MeshRateLimit",
    "MeshRateLimitSpecArgs",
    "MeshRetry",
    "MeshRetrySpecArgs",
    "MeshService",
    "MeshServiceSpecArgs",
    "MeshSpecArgs",
    "MeshTCPRoute",
    "MeshTCPRouteSpecArgs",
    "MeshTLS",
    "MeshTLSSpecArgs",
    "MeshTimeout",
    "MeshTimeoutConfArgs",
    "MeshTimeoutHttpArgs",
    "MeshTimeoutRuleArgs",
    "MeshTimeoutSpecArgs",
    "MeshTimeoutToArgs",
    "MeshTrace",
    "MeshTraceSpecArgs",
    "MeshTrafficPermission",
    "MeshTrafficPermissionSpecArgs",
    "MeshTrust",
    "MeshTrustSpecArgs",
    "OutboundTargetRefArgs",
    "Secret",
    "SecretSpecArgs",
    "SniMatchArgs",
    "SpiffeIdMatchArgs",
    "TopLevelTargetRefArgs",
]
