"""One module per non-policy Kuma kind (Mesh, Dataplane, destinations, identity, secrets)."""
