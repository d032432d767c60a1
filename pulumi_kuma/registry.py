"""The registry: every Kuma kind pulumi_kuma knows, one line each.

Adding a kind means adding its module (``kinds/`` or ``policies/``) and one line here.
"""

from __future__ import annotations

from pulumi_kuma.kinds import (
    dataplane,
    globalsecret,
    hostnamegenerator,
    mesh,
    meshexternalservice,
    meshidentity,
    meshmultizoneservice,
    meshopentelemetrybackend,
    meshservice,
    meshtrust,
    meshzoneaddress,
    secret,
    workload,
)
from pulumi_kuma.model.registry import Registry
from pulumi_kuma.policies import (
    meshaccesslog,
    meshcircuitbreaker,
    meshfaultinjection,
    meshhealthcheck,
    meshhttproute,
    meshloadbalancingstrategy,
    meshmetric,
    meshpassthrough,
    meshproxypatch,
    meshratelimit,
    meshretry,
    meshtcproute,
    meshtimeout,
    meshtls,
    meshtrace,
    meshtrafficpermission,
)

REGISTRY = Registry(
    [
        mesh.KIND,
        dataplane.KIND,
        meshservice.KIND,
        meshexternalservice.KIND,
        meshmultizoneservice.KIND,
        meshidentity.KIND,
        meshtrust.KIND,
        meshopentelemetrybackend.KIND,
        hostnamegenerator.KIND,
        meshzoneaddress.KIND,
        workload.KIND,
        secret.KIND,
        globalsecret.KIND,
        meshaccesslog.KIND,
        meshcircuitbreaker.KIND,
        meshfaultinjection.KIND,
        meshhealthcheck.KIND,
        meshhttproute.KIND,
        meshloadbalancingstrategy.KIND,
        meshmetric.KIND,
        meshpassthrough.KIND,
        meshproxypatch.KIND,
        meshratelimit.KIND,
        meshretry.KIND,
        meshtcproute.KIND,
        meshtimeout.KIND,
        meshtls.KIND,
        meshtrace.KIND,
        meshtrafficpermission.KIND,
    ]
)
