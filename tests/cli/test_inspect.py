"""``pulumi-kuma inspect dataplane``: the summary of ``_overview``."""

from __future__ import annotations

from pulumi_kuma.cli.inspect import DATAPLANE_VIEWS, render_overview


def test_summary_shows_connection_versions_and_nacks() -> None:
    body = {
        "mesh": "default",
        "name": "dp-1",
        "kri": "kri_dp_default_default__dp-1_",
        "dataplaneInsight": {
            "subscriptions": [
                {
                    "id": "4",
                    "controlPlaneInstanceId": "cp-a",
                    "connectTime": "2026-01-01T00:00:00.000Z",
                    "configVersion": "v2",
                    "ackedConfigVersion": "v1",
                    "inSync": False,
                    "status": {
                        "lds": {
                            "responsesSent": "2",
                            "responsesAcknowledged": "1",
                            "responsesRejected": "1",
                            "lastAckedVersion": "l1",
                            "lastNackedVersion": "l2",
                            "lastNackError": "bad listener",
                        }
                    },
                }
            ]
        },
    }
    text = render_overview(body)
    assert "Dataplane default/dp-1" in text
    assert "connected since 2026-01-01T00:00:00.000Z to cp-a (stream 4)" in text
    assert "config version v2, ACKed v1 (not in sync)" in text
    assert "LDS  sent 2  acked 1  rejected 1  last ACK l1  last NACK l2: bad listener" in text


def test_never_connected_and_disconnected() -> None:
    assert "never connected" in render_overview(
        {"mesh": "m", "name": "n", "dataplaneInsight": {"subscriptions": []}}
    )
    gone = {"subscriptions": [{"disconnectTime": "t1", "controlPlaneInstanceId": "cp-b"}]}
    assert "disconnected since t1 (control plane cp-b)" in render_overview({"dataplaneInsight": gone})


def test_views_are_extensible_flags() -> None:
    assert [v.flag for v in DATAPLANE_VIEWS] == ["--overview", "--config"]
    assert [v.endpoint for v in DATAPLANE_VIEWS] == ["_overview", "_config"]


def test_overview_shows_the_proxys_identity_or_that_mtls_is_off() -> None:
    subscription = {"connectTime": "t0", "controlPlaneInstanceId": "cp-a", "id": "1"}
    mtls = {
        "spiffeID": "spiffe://default.default.mesh.local/workload/web",
        "issuedBackend": "identity",
        "certificateExpirationTime": "2026-01-02T00:00:00Z",
        "certificateRegenerations": 3,
    }
    text = render_overview({"dataplaneInsight": {"subscriptions": [subscription], "mTLS": mtls}})
    assert (
        "mTLS  spiffe://default.default.mesh.local/workload/web from MeshIdentity identity; "
        "certificate expires 2026-01-02T00:00:00Z (3 issued)"
    ) in text
    plain = render_overview({"dataplaneInsight": {"subscriptions": [subscription]}})
    assert "mTLS  off" in plain
