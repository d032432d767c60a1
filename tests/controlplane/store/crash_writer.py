"""Run as a subprocess by the crash tests: create resources one by one, printing each acknowledgement.

Usage: ``python -m tests.controlplane.store.crash_writer STORE_URL COUNT``. After ``create`` returns
for resource ``i`` the line ``ack i`` is written and flushed, so the parent knows which writes the
store acknowledged before it was killed.
"""

from __future__ import annotations

import asyncio
import sys

from pulumi_kuma.controlplane.store.factory import open_store
from pulumi_kuma.model.envelope import ResourceObject


async def main(url: str, count: int) -> None:
    store = await open_store(url)
    print("ready", flush=True)
    for i in range(count):
        await store.create(
            ResourceObject(type="MeshTimeout", mesh="default", name=f"r{i}", spec={"index": i})
        )
        print(f"ack {i}", flush=True)
    # Stay alive with the store open: the parent kills this process.
    await asyncio.sleep(3600)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], int(sys.argv[2])))
