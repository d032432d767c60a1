"""Run as a subprocess by the leadership test: open a PostgreSQL store and report its leadership.

Usage: ``python -m tests.controlplane.store.leader_holder STORE_URL``. Prints ``leader`` or
``follower`` on every change (the first state at once), then waits to be killed.
"""

from __future__ import annotations

import asyncio
import sys

from pulumi_kuma.controlplane.store.factory import open_store


async def main(url: str) -> None:
    store = await open_store(url)
    store.add_leadership_callback(lambda leading: print("leader" if leading else "follower", flush=True))
    await asyncio.sleep(3600)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
