"""Kuma's conf merge; it lives in :mod:`pulumi_kuma.model.merge` so that policy translations can
merge confs (inbound catch-all rules) without depending on the control plane."""

from pulumi_kuma.model.merge import (
    PLAIN,
    MergeSpec,
    catch_all_conf,
    merge_catch_all,
    merge_confs,
    merge_patch,
)

__all__ = ["PLAIN", "MergeSpec", "catch_all_conf", "merge_catch_all", "merge_confs", "merge_patch"]
