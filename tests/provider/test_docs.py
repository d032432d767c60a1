"""The committed sdk-docs/ pages are what the generator makes from the registry today."""

from __future__ import annotations

import re

from pulumi_kuma.provider.docsgen import DOCS_DIR, generate
from pulumi_kuma.registry import REGISTRY


def test_committed_pages_are_current() -> None:
    pages = generate()
    committed = {str(p.relative_to(DOCS_DIR)) for p in DOCS_DIR.rglob("*.md")}
    assert committed == set(pages), "sdk-docs/ has missing or extra pages: run scripts/generate"
    for rel, text in pages.items():
        assert (DOCS_DIR / rel).read_text() == text, f"sdk-docs/{rel} is out of date: run scripts/generate"


def test_a_page_per_resource_with_example_inputs_and_outputs() -> None:
    pages = generate()
    guides = [p for p in pages if p.startswith("guides/")]
    assert len(pages) == len(REGISTRY) + 2 + len(guides)
    for kind in REGISTRY:
        page = pages[f"resources/{kind.name.lower()}.md"]
        assert page.startswith(f"# {kind.name}\n")
        for section in (
            "## Example",
            "```python",
            f"pulumi_kuma.{kind.name}(",
            "## Inputs",
            "## Outputs",
            "adopt=True",
        ):
            assert section in page, (kind.name, section)
        assert f"[{kind.name}](resources/{kind.name.lower()}.md)" in pages["index.md"]


def test_the_zero_trust_guide_is_linked_and_names_real_resources() -> None:
    pages = generate()
    guide = pages["guides/zero-trust.md"]
    assert "(guides/zero-trust.md)" in pages["index.md"]
    named = set(re.findall(r"kuma\.(\w+)\(", guide))
    assert {"MeshIdentity", "MeshTLS", "MeshTrafficPermission", "MeshTrust"} <= named
    assert named <= {kind.name for kind in REGISTRY}
