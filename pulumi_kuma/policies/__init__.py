"""One module per Kuma policy kind: its model, validation, example and Envoy translation."""
