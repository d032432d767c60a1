"""SecureDataSource and TLS version rules shared by MeshIdentity, MeshExternalService and MeshTLS."""

from __future__ import annotations

import pytest

from pulumi_kuma.model.datasource import SecureDataSource, file_path_error, validate_secure_data_source
from pulumi_kuma.model.path import FieldPath
from pulumi_kuma.model.tls import TlsVersion, validate_tls_version
from pulumi_kuma.model.violations import Violations


def _source(raw: dict[str, object]) -> list[tuple[str, str]]:
    v = Violations()
    validate_secure_data_source(v, FieldPath("ca"), SecureDataSource.model_validate(raw))
    return [(x.field, x.message) for x in v.items]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ({"type": "Secret", "secretRef": {"kind": "Secret", "name": "ca"}}, []),
        ({"type": "Secret"}, [("ca.secretRef", "must be defined")]),
        (
            {"type": "Secret", "secretRef": {"kind": "ConfigMap"}},
            [
                ("ca.secretRef.kind", "ConfigMap must be one of: Secret"),
                ("ca.secretRef.name", "must be defined"),
            ],
        ),
        ({"type": "InsecureInline", "insecureInline": {}}, [("ca.insecureInline.value", "must be defined")]),
        ({"type": "EnvVar", "envVar": {"name": "CA"}}, []),
        ({"type": "EnvVar"}, [("ca.envVar", "must be defined")]),
        ({"type": "File", "file": {"path": "/etc/ca.pem"}}, []),
        (
            {"type": "File", "file": {"path": "ca.pem"}},
            [("ca.file.path", "file path must be absolute: ca.pem")],
        ),
        (
            {"type": "File", "file": {"path": "/etc/../ca.pem"}},
            [("ca.file.path", "file path contains directory traversal sequence: /etc/../ca.pem")],
        ),
        ({"type": "Vault"}, [("ca.type", "Vault must be one of: EnvVar, InsecureInline, File, Secret")]),
    ],
)
def test_secure_data_source(raw: dict[str, object], expected: list[tuple[str, str]]) -> None:
    assert _source(raw) == expected


def test_file_path_error_accepts_absolute_paths() -> None:
    assert file_path_error("/var/run/ca.pem") is None
    assert file_path_error("") == "file path cannot be empty"


@pytest.mark.parametrize(
    ("version", "expected"),
    [
        ({"min": "TLS12", "max": "TLS13"}, []),
        ({"min": "TLS13", "max": "TLSAuto"}, []),
        ({"min": "TLS13", "max": "TLS10"}, [("tls.min", "min version must be lower than max")]),
        (
            {"min": "TLS9"},
            [("tls.min", '"min" must be one of ["TLSAuto", "TLS10", "TLS11", "TLS12", "TLS13"]')],
        ),
    ],
)
def test_tls_version(version: dict[str, str], expected: list[tuple[str, str]]) -> None:
    v = Violations()
    validate_tls_version(v, FieldPath("tls"), TlsVersion.model_validate(version))
    assert [(x.field, x.message) for x in v.items] == expected
