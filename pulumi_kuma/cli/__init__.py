"""The ``pulumi-kuma`` command line: one module per command group."""
