"""The bundled Kuma-compatible control plane: REST API, auth, store, resolution, xDS, CA."""
