"""Generate ``sdk-docs/`` from the registry and the resource classes' docstrings.

Pages: ``index.md`` (every resource), ``configuration.md`` (provider settings, control planes,
secrets, the stack runner) and ``resources/<kind>.md`` (description, example, constructor inputs,
spec types, outputs, adopt and refresh). Run ``python -m pulumi_kuma.provider.docsgen`` (or
``scripts/generate``); ``tests/provider/test_docs.py`` fails while the committed pages are stale.
"""

from __future__ import annotations

import inspect
import re
import typing
from pathlib import Path

from pulumi_kuma.model.base import KumaModel
from pulumi_kuma.model.registry import KindDescriptor, Registry
from pulumi_kuma.model.secrecy import source_paths
from pulumi_kuma.provider.codegen import _Generator

GUIDES = Path(__file__).parent / "guides"
"""Hand-written guides, published under ``sdk-docs/guides/`` beside the generated pages."""

DOCS_DIR = Path(__file__).resolve().parents[2] / "sdk-docs"

CONSTRUCTOR_INPUTS = [
    (
        "resource_name",
        "str",
        "The Pulumi resource name; also the name on the control plane unless `name` is set.",
    ),
    (
        "spec",
        "`{spec}` or dict",
        "The spec, as typed arguments (snake_case) or a dict in Kuma's JSON shape (camelCase). Any value may be a `pulumi.Output`.",
    ),
    (
        "mesh",
        "str",
        'The mesh the resource lives in (default `"default"`). Changing it replaces the resource.',
    ),
    (
        "name",
        "str",
        "The name on the control plane (default: `resource_name`). Changing it replaces the resource.",
    ),
    ("labels", "dict[str, str]", "Labels to set. Labels the control plane computes are not compared."),
    ("adopt", "bool", "Take over a resource that already exists instead of failing (default `False`)."),
    (
        "control_plane",
        "`ControlPlane`",
        "Manage the resource on this control plane instead of the stack's configured one.",
    ),
    ("opts", "`pulumi.ResourceOptions`", "The usual Pulumi resource options."),
]

OUTPUTS = [
    ("name", "str", "The name on the control plane."),
    ("mesh", "str", "The mesh (mesh-scoped kinds)."),
    (
        "labels",
        "dict[str, str]",
        "All labels, including those the control plane computes (`kuma.io/mesh`, `kuma.io/zone`, `kuma.io/origin`, ...).",
    ),
    ("spec", "dict", "The spec as the control plane stores it: Kuma's JSON, defaults applied."),
    ("kri", "str", "The resource's KRI, e.g. `kri_mt_default___api-timeouts_`."),
    ("creation_time", "str", "When the control plane created it (RFC 3339)."),
    ("modification_time", "str", "When the control plane last changed it (RFC 3339)."),
    ("warnings", "list[str]", "Warnings returned by the last write (deprecated fields, ...)."),
]


def _models_of(model: type[KumaModel]) -> list[type[KumaModel]]:
    """The model and every model nested in it, depth first, each once."""
    seen: list[type[KumaModel]] = []

    def visit(annotation: object) -> None:
        origin = typing.get_origin(annotation)
        if origin is not None:
            for arg in typing.get_args(annotation):
                visit(arg)
            return
        if isinstance(annotation, type) and issubclass(annotation, KumaModel) and annotation not in seen:
            seen.append(annotation)
            for info in annotation.model_fields.values():
                visit(info.annotation)

    visit(model)
    return seen


def _md_type(type_expr: str) -> str:
    text = type_expr.replace("pulumi.Input[", "").replace(" | Mapping[str, Any]", "")
    while text.endswith("]") and text.count("[") < text.count("]"):
        text = text[:-1]
    text = text.replace("Sequence[", "list[").replace("Mapping[", "dict[")
    return f"`{text}`"


def _md(text: str) -> str:
    """reStructuredText literals (``x``) as Markdown ones (`x`)."""
    return re.sub(r"``([^`]+)``", r"`\1`", text).replace("|", "\\|")


def _example(cls: type) -> str:
    doc = inspect.getdoc(cls) or ""
    match = re.search(r"\.\. code-block:: python\n\n((?:    .*\n|\n)+)", doc + "\n")
    if not match:
        return ""
    code = "\n".join(line[4:] for line in match.group(1).rstrip().splitlines())
    return f"```python\n{code}\n```"


def _resource_page(kind: KindDescriptor, gen: _Generator) -> str:
    import pulumi_kuma.provider.resources as resources

    cls = getattr(resources, kind.name)
    spec_class = gen.classes[kind.spec_model].name
    scope = (
        f"Mesh-scoped: `/meshes/{{mesh}}/{kind.plural}/{{name}}`"
        if kind.mesh_scoped
        else f"Global: `/{kind.plural}/{{name}}`"
    )
    out = [
        f"# {kind.name}",
        "",
        _md(kind.description),
        "",
        f"- Python class: `pulumi_kuma.{kind.name}`",
        f"- Pulumi type: `pulumi-python:dynamic/kuma:{kind.name}`",
        f"- REST: {scope}",
    ]
    if kind.legacy_layout:
        out.append(
            "- Wire layout: the spec's fields sit beside the meta (an old-style kind); `spec` holds just those fields."
        )
    if kind.admin_only:
        out.append(
            "- Secret data: the spec is a Pulumi secret in inputs and outputs; writing needs an admin token."
        )
    elif kind.holds_secure_data:
        fields = ", ".join(f"`spec.{path}`" for path in source_paths(kind.spec_model))
        out.append(
            f"- Secret when inline: the secure data sources ({fields}) may carry their value inline "
            "(`InsecureInline`, e.g. a private key). A spec that does is a Pulumi secret in inputs and "
            "outputs (encrypted in the state, `[secret]` in previews, also after a refresh); a spec "
            "that only references Secrets, files or environment variables stays readable."
        )
    out += [
        "",
        "## Example",
        "",
        _example(cls),
        "",
        "## Inputs",
        "",
        "| Name | Type | Description |",
        "| --- | --- | --- |",
    ]
    for name, type_, text in CONSTRUCTOR_INPUTS:
        if name == "mesh" and not kind.mesh_scoped:
            continue
        out.append(f"| `{name}` | {type_.format(spec=spec_class)} | {text} |")
    out += ["", "## Outputs", "", "| Name | Type | Description |", "| --- | --- | --- |"]
    for name, type_, text in OUTPUTS:
        if name == "mesh" and not kind.mesh_scoped:
            continue
        out.append(f"| `{name}` | `{type_}` | {text} |")
    out += ["", "## Spec types", ""]
    out.append(
        "Each type is a class exported by `pulumi_kuma` taking keyword arguments; a dict with the "
        "Kuma (camelCase) field names is accepted wherever a type is expected."
    )
    for model in _models_of(kind.spec_model):
        entry = gen.classes[model]
        out += ["", f"### {entry.name}", "", _md(entry.doc), ""]
        if not entry.fields:
            out.append("No fields are modelled yet; a dict in Kuma's shape is passed through unchanged.")
            continue
        out += ["| Argument | Kuma field | Type | Description |", "| --- | --- | --- | --- |"]
        for attr, wire, type_expr, doc in entry.fields:
            out.append(f"| `{attr}` | `{wire}` | {_md_type(type_expr)} | {_md(doc)} |")
    out += [
        "",
        "## Create, adopt, refresh, delete",
        "",
        f"- `pulumi preview` validates the spec offline, exactly as the control plane would, and reports "
        f"failures with Kuma's field paths (`{'spec.' if not kind.legacy_layout else ''}...`).",
        "- Create fails if the resource already exists on the control plane (an error names it), unless "
        "`adopt=True`, which takes it over and replaces its spec with the declared one. `pulumi import` "
        "does not work for dynamic resources; `adopt` replaces it.",
        "- Diffs compare the normalised spec (defaults applied, durations by value, key order ignored) and "
        "the declared labels; changing `name`, `mesh` or the control plane's address replaces the resource "
        "(the old one is deleted first).",
        "- `pulumi refresh` reads the live resource: changes made outside Pulumi update the state and show "
        "as a diff on the next `up`; a resource deleted outside Pulumi is removed from the state.",
        "- Delete treats a resource that is already gone as deleted.",
        "",
    ]
    return "\n".join(out)


def _index(registry: Registry) -> str:
    out = [
        "# pulumi_kuma resources",
        "",
        "Pulumi resources for every Kuma kind, one Python class each (`pulumi_kuma.<Kind>`). They are "
        "dynamic resources: the provider ships inside the `pulumi-kuma` package, so nothing else needs "
        "installing. See [configuration](configuration.md) for where they connect, and the guide to "
        "[zero trust](guides/zero-trust.md) (mTLS with MeshIdentity, MeshTLS, MeshTrust and "
        "MeshTrafficPermission).",
        "",
        "| Resource | Scope | Description |",
        "| --- | --- | --- |",
    ]
    for kind in registry:
        scope = "mesh" if kind.mesh_scoped else "global"
        first = _md(kind.description).split(". ")[0].rstrip(".")
        out.append(f"| [{kind.name}](resources/{kind.name.lower()}.md) | {scope} | {first}. |")
    out.append("")
    return "\n".join(out)


CONFIGURATION = """# Configuration

## Stack configuration

| Key | Environment fallback | Default | Meaning |
| --- | --- | --- | --- |
| `kuma:address` | `KUMA_ADDRESS` | `http://127.0.0.1:5681` | The control plane's REST API. |
| `kuma:token` (secret) | `KUMA_TOKEN` | none | A user token, sent as `Authorization: Bearer`. Secrets need an admin token. |
| `kuma:caCert` | `KUMA_CA_CERT` | system CAs | PEM text, or a path to a PEM file, of the CA that signed the API's certificate. |
| `kuma:tlsSkipVerify` | `KUMA_TLS_SKIP_VERIFY` | `false` | Do not verify the API's certificate (testing only). |

```sh
pulumi config set kuma:address https://kuma-cp.example:5682
pulumi config set --secret kuma:token "$(cat admin-token)"
```

The provider reads these in its `configure` step, inside the provider host; `pulumi.Config` is not
involved, so they work for every resource without being passed around.

## Several control planes in one stack

```python
import pulumi
import pulumi_kuma as kuma

config = pulumi.Config()
zone_a = kuma.ControlPlane(config.require("addressA"), token=config.require_secret("tokenA"))
kuma.MeshTimeout("timeouts", mesh="default", control_plane=zone_a, spec={...})
```

`ControlPlane(address, *, token=None, ca_cert=None, tls_skip_verify=False)` travels as the resource
input `control_plane`, marked secret because it holds the token: the state stores it encrypted and
previews print `[secret]`. Resources without `control_plane` use the stack configuration. Changing a
resource's control plane address replaces it (deleted on the old one, created on the new one);
rotating the token is an update.

## Errors

Every failure names the resource and says why: validation failures carry Kuma's field paths
(`spec.to[0].default.connectionTimeout: time: invalid duration "fast"`), API errors the status and
Kuma's message, and connection problems the address tried. Connection errors, 5xx and 409 answers
are retried with exponential backoff (6 attempts over about 6 s) before they are reported.

## Running without the Pulumi CLI

`pulumi-kuma stack preview|up|refresh|destroy [DIR] [--stack NAME] [--config KEY=VALUE]...
[--secret KEY=VALUE]... [--state FILE]` runs the program in `DIR` with the real Pulumi SDK and the
real dynamic provider host, and keeps the state in `DIR/.pulumi-kuma/<stack>.json`. Secrets in the
state are encrypted with AES-256-GCM: with a key derived from `PULUMI_CONFIG_PASSPHRASE` when that is
set when the state is first written, otherwise with a generated key stored beside the state
(`<state>.key`, mode 0600; keep it with the state). `Pulumi.<stack>.yaml` plain config values are
read; `secure:` values (Pulumi CLI ciphertext) are not, so pass those with `--secret`. Exit code 0
means success, 1 that a step or the program failed, 2 that the project could not be loaded.
"""


def _secrets_section(registry: Registry) -> str:
    """Which kinds' specs are kept secret, and when (derived from the registry)."""

    def links(kinds: list[KindDescriptor]) -> str:
        return ", ".join(f"[{k.name}](resources/{k.name.lower()}.md)" for k in kinds) or "none"

    always = [k for k in registry if k.admin_only]
    inline = [k for k in registry if not k.admin_only and k.holds_secure_data]
    return f"""
## Secrets in specs

Secret data and private keys in specs never reach the state or a preview in clear.

- Secret kinds ({links(always)}): the spec is always a Pulumi secret.
- Kinds with secure data sources ({links(inline)}): a source can carry its value inline
  (`{{"type": "InsecureInline", "insecureInline": {{"value": "..."}}}}`, a CA or TLS private key). A
  spec that does is a Pulumi secret in inputs and outputs, also when the value arrives through an
  `Output`, when it was written outside Pulumi and a refresh reads it, and when an older release
  stored it in clear (the next run re-encrypts it). Specs that only reference Secrets, files or
  environment variables stay readable in the state and in previews.
"""


def generate(registry: Registry | None = None) -> dict[str, str]:
    """Every page, keyed by its path relative to ``sdk-docs/``."""
    if registry is None:
        from pulumi_kuma.registry import REGISTRY

        registry = REGISTRY
    gen = _Generator(registry)
    gen.render()
    pages = {"index.md": _index(registry), "configuration.md": CONFIGURATION + _secrets_section(registry)}
    for guide in sorted(GUIDES.glob("*.md")):
        pages[f"guides/{guide.name}"] = guide.read_text(encoding="utf-8")
    for kind in registry:
        pages[f"resources/{kind.name.lower()}.md"] = _resource_page(kind, gen)
    return pages


def main() -> int:
    """Write the pages (and remove pages of kinds that no longer exist)."""
    pages = generate()
    for stale in DOCS_DIR.rglob("*.md") if DOCS_DIR.exists() else []:
        if str(stale.relative_to(DOCS_DIR)) not in pages:
            stale.unlink()
    for rel, text in pages.items():
        path = DOCS_DIR / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    print(f"wrote {len(pages)} pages to {DOCS_DIR}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
