"""Zero trust: every workload gets a SPIFFE identity, traffic is mutual TLS, and who may call whom
is explicit.

Three services, each a Dataplane labelled ``kuma.io/workload: <name>``:

* ``web`` is the front end; it may call ``api``;
* ``api`` may call ``db``;
* ``db`` accepts ``api`` only: a deny rule for ``web`` beats the allow for the whole trust domain.

Run it with ``pulumi up`` (Pulumi CLI) or ``pulumi-kuma stack up examples/zero-trust``; then
``pulumi-kuma inspect dataplane <name> --mesh zero-trust`` shows the rules each proxy runs with.
"""

import pulumi

import pulumi_kuma as kuma

TRUST_DOMAIN = "zero-trust.mesh.local"


def workload(name: str) -> str:
    """The SPIFFE ID the identity below gives the workload ``name``."""
    return f"spiffe://{TRUST_DOMAIN}/workload/{name}"


def only(workload_name: str) -> dict[str, object]:
    """A top-level targetRef selecting the proxies of one workload."""
    return {"kind": "Dataplane", "labels": {"kuma.io/workload": workload_name}}


mesh = kuma.Mesh("zero-trust")

# The control plane's CA issues each proxy a short-lived certificate (rotated at 4/5 of its life)
# and publishes the CA in a MeshTrust, so that proxies verify each other.
kuma.MeshIdentity(
    "workload-identity",
    mesh=mesh.name,
    spec={
        "selector": {"dataplane": {"matchLabels": {}}},
        "spiffeID": {"trustDomain": TRUST_DOMAIN, "path": "/workload/{{ .Workload }}"},
        "provider": {
            "type": "Bundled",
            "bundled": {
                "meshTrustCreation": "Enabled",
                "insecureAllowSelfSigned": True,
                "autogenerate": {"enabled": True},
                "certificateParameters": {"expiry": "24h"},
            },
        },
    },
)

# Strict is MeshTLS's default; saying it keeps the intent visible in reviews.
kuma.MeshTLS(
    "strict-mtls",
    mesh=mesh.name,
    spec={
        "targetRef": {"kind": "Mesh"},
        "rules": [{"default": {"mode": "Strict", "tlsVersion": {"min": "TLS13", "max": "TLS13"}}}],
    },
)

# Once a permission selects a proxy, anything it does not allow is denied (403 for HTTP).
kuma.MeshTrafficPermission(
    "api-allows-web",
    mesh=mesh.name,
    spec={
        "targetRef": only("api"),
        "rules": [{"default": {"allow": [{"spiffeID": {"type": "Exact", "value": workload("web")}}]}}],
    },
)

kuma.MeshTrafficPermission(
    "db-allows-api-only",
    mesh=mesh.name,
    spec={
        "targetRef": only("db"),
        "rules": [
            {
                "default": {
                    "allow": [{"spiffeID": {"type": "Prefix", "value": f"spiffe://{TRUST_DOMAIN}/"}}],
                    # Deny wins over allow: web never reaches the database directly.
                    "deny": [{"spiffeID": {"type": "Exact", "value": workload("web")}}],
                }
            }
        ],
    },
)

pulumi.export("mesh", mesh.name)
pulumi.export("trust_domain", TRUST_DOMAIN)
