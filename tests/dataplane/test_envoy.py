"""Running Envoy: the real binary's version, the admin-port override, signal forwarding."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import yaml

from pulumi_kuma.dataplane import EnvoyError, envoy_binary, envoy_command, prepare_bootstrap
from pulumi_kuma.dataplane.envoy import envoy_version

BOOTSTRAP = yaml.safe_dump(
    {
        "node": {"id": "default.dp-1", "metadata": {"dataplane.admin.port": "9901"}},
        "admin": {"address": {"socketAddress": {"address": "127.0.0.1", "portValue": 9901}}},
    }
).encode()


def test_the_packaged_envoy_reports_its_version() -> None:
    version, build = envoy_version(envoy_binary())
    assert version.count(".") == 2 and version.split(".")[0] == "1"
    assert f"/{version}/" in build


def test_explicit_binary_must_exist(tmp_path: Path) -> None:
    with pytest.raises(EnvoyError, match="no such file"):
        envoy_binary(str(tmp_path / "envoy"))


def test_admin_port_override_moves_admin_and_metadata() -> None:
    bootstrap = prepare_bootstrap(BOOTSTRAP, 19001)
    assert bootstrap["admin"]["address"]["socketAddress"]["portValue"] == 19001
    assert bootstrap["node"]["metadata"]["dataplane.admin.port"] == "19001"
    unchanged = prepare_bootstrap(BOOTSTRAP, None)
    assert unchanged["admin"]["address"]["socketAddress"]["portValue"] == 9901


def test_bootstrap_must_be_a_yaml_object() -> None:
    with pytest.raises(EnvoyError, match="not a YAML object"):
        prepare_bootstrap(b"- 1\n", None)


def test_command_disables_hot_restart(tmp_path: Path) -> None:
    command = envoy_command("/bin/envoy", tmp_path / "b.yaml", workdir=tmp_path, concurrency=2)
    assert command[:3] == ["/bin/envoy", "--config-path", str(tmp_path / "b.yaml")]
    assert "--disable-hot-restart" in command
    assert command[-2:] == ["--concurrency", "2"]
    # kuma-dp's drain: replaced listeners close their connections at once, for at most 30 s.
    assert command[3:7] == ["--drain-time-s", "30", "--drain-strategy", "immediate"]


def test_signals_are_forwarded_and_the_exit_status_returned(tmp_path: Path) -> None:
    # A stand-in for Envoy that exits 7 on SIGTERM, run under run_envoy in a child Python.
    fake = tmp_path / "fake-envoy"
    fake.write_text("#!/bin/sh\ntrap 'exit 7' TERM\necho ready > \"$1\"\nwhile true; do sleep 0.05; done\n")
    fake.chmod(0o755)
    marker = tmp_path / "ready"
    runner = textwrap.dedent(
        f"""
        import sys
        from pulumi_kuma.dataplane import run_envoy
        sys.exit(run_envoy([{str(fake)!r}, {str(marker)!r}]))
        """
    )
    process = subprocess.Popen([sys.executable, "-c", runner], stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 10
        while not marker.exists():
            assert time.monotonic() < deadline, "fake Envoy did not start"
            time.sleep(0.02)
        os.kill(process.pid, signal.SIGTERM)
        assert process.wait(10) == 7
        assert "Envoy started (pid" in (process.stderr.read() if process.stderr else "")
    finally:
        if process.poll() is None:
            process.kill()
