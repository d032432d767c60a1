"""Acknowledged writes survive ``kill -9`` of the process that made them, on every backend."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.controlplane.store.conftest import Backend

REPO = Path(__file__).resolve().parents[3]
WRITES = 200
KILL_AFTER = 120


@pytest.mark.slow
async def test_acknowledged_writes_survive_kill_9(backend: Backend) -> None:
    writer = subprocess.Popen(
        [sys.executable, "-m", "tests.controlplane.store.crash_writer", backend.url, str(WRITES)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    acknowledged: list[int] = []
    try:
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "ready"
        # Kill while the writer is still writing: the kill lands between or inside writes.
        while len(acknowledged) < KILL_AFTER:
            line = writer.stdout.readline()
            assert line.startswith("ack "), f"writer stopped early: {line!r}"
            acknowledged.append(int(line.split()[1]))
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait(timeout=10)
        acknowledged.extend(int(line.split()[1]) for line in writer.stdout if line.startswith("ack "))
    finally:
        if writer.poll() is None:
            writer.kill()
            writer.wait()
    assert writer.returncode == -signal.SIGKILL

    reopened = backend.new_store()
    await reopened.start()
    try:
        stored = await reopened.list("MeshTimeout", "default")
    finally:
        await reopened.close()

    stored_indexes = {obj.spec["index"] for obj in stored}
    missing = sorted(set(acknowledged) - stored_indexes)
    assert missing == [], f"acknowledged but lost after kill -9: {missing}"
    assert acknowledged == list(range(len(acknowledged)))
    # Whatever else was written (the create in flight when killed) is whole.
    assert all(obj.name == f"r{obj.spec['index']}" and obj.version == 1 for obj in stored)
