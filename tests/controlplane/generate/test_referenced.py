"""Resources policies name by labels (MeshOpenTelemetryBackend): kept by the topology for
``ctx.destinations.referenced``, with the dependencies a change touches."""

from __future__ import annotations

from pulumi_kuma.controlplane.generate import GenerationState
from pulumi_kuma.controlplane.generate.topology import Recorder, selection_dependency
from pulumi_kuma.registry import REGISTRY
from tests.controlplane.generate.support import mesh, stored

BACKEND = "MeshOpenTelemetryBackend"


def test_oldest_backend_with_the_labels_wins_and_changes_touch_the_selection() -> None:
    state = GenerationState(REGISTRY)
    state.load([mesh()])
    newer = stored(BACKEND, "newer", {"endpoint": {"address": "b", "port": 1}}, labels={"team": "x"}, age=2)
    older = stored(BACKEND, "older", {"endpoint": {"address": "a", "port": 1}}, labels={"team": "x"}, age=1)
    change = state.upsert(newer)
    assert ("default", selection_dependency(BACKEND)) in change.dependencies
    state.upsert(older)
    recorder = Recorder()
    lookup = state.topology("default").lookup(recorder)
    found = lookup.referenced(BACKEND, {"team": "x"})
    assert found is not None and found.name == "older"
    assert selection_dependency(BACKEND) in recorder.dependencies
    named = lookup.referenced(BACKEND, {"kuma.io/display-name": "newer"})
    assert named is not None and named.name == "newer"
    assert lookup.referenced(BACKEND, {"team": "y"}) is None
    change = state.delete(BACKEND, "default", "older")
    assert ("default", selection_dependency(BACKEND)) in change.dependencies
    found = lookup.referenced(BACKEND, {"team": "x"})
    assert found is not None and found.name == "newer"
