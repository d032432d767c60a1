"""GlobalSecret: a Secret that lives outside any mesh (control-plane-wide keys and tokens).

Same shape and rules as :mod:`pulumi_kuma.kinds.secret`; only the scope differs. Kuma serves it at
both ``/global-secrets`` and ``/globalsecrets``.
"""

from __future__ import annotations

from typing import Any

from pulumi_kuma.kinds.secret import SecretSpec, check_data, encode_data
from pulumi_kuma.model.errors import Violation
from pulumi_kuma.model.path import FieldPath
from pulumi_kuma.model.registry import KindDescriptor, Scope, ValidationContext
from pulumi_kuma.model.violations import Violations


class GlobalSecretSpec(SecretSpec):
    """The GlobalSecret spec (fields beside the meta on the wire)."""


def validate(spec: GlobalSecretSpec, ctx: ValidationContext) -> list[Violation]:
    """Kuma's GlobalSecret checks: only that ``data`` is base64."""
    v = Violations()
    check_data(v, FieldPath("data"), spec.data)
    return v.items


EXAMPLE: dict[str, Any] = {"data": encode_data(b"global-s3cr3t")}

KIND = KindDescriptor(
    name="GlobalSecret",
    plural="globalsecrets",
    short_name=None,
    scope=Scope.GLOBAL,
    spec_model=GlobalSecretSpec,
    validate=validate,
    description=(
        "Opaque bytes kept outside any mesh, for control-plane-wide material such as signing keys. "
        "`data` is the base64 of the value; only admins can read or write global secrets."
    ),
    legacy_layout=True,
    admin_only=True,
    example=EXAMPLE,
    path_aliases=("global-secrets",),
)
