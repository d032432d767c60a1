"""Pick a store backend from a URL: ``sqlite:///path/to/file.db`` or ``postgresql://user@host:port/db``."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit, urlunsplit

from pulumi_kuma.controlplane.store.base import Store, StoreError

SQLITE_SCHEMES = ("sqlite",)
POSTGRES_SCHEMES = ("postgresql", "postgres")
URL_FORMS = "sqlite:///path/to/file.db (or sqlite:relative/file.db) or postgresql://user@host:port/db"


def redact_url(url: str) -> str:
    """The URL with any password replaced by ``***``, for messages and logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)
    userinfo = netloc[0].split(":", 1)[0]
    return urlunsplit(parts._replace(netloc=f"{userinfo}:***@{netloc[1]}"))


def store_from_url(url: str) -> Store:
    """A store for ``url``, not yet started; raises :class:`StoreError` for a URL it cannot use."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme in SQLITE_SCHEMES:
        return _sqlite_store(url)
    if scheme in POSTGRES_SCHEMES:
        from pulumi_kuma.controlplane.store.postgres import PostgresStore

        return PostgresStore(url)
    shown = repr(redact_url(url))
    if not scheme:
        raise StoreError(f"store URL {shown} has no scheme; use {URL_FORMS}")
    raise StoreError(f"store URL scheme {scheme!r} in {shown} is not supported; use {URL_FORMS}")


async def open_store(url: str) -> Store:
    """A started store for ``url`` (schema migrated, connections open)."""
    store = store_from_url(url)
    await store.start()
    return store


def _sqlite_store(url: str) -> Store:
    from pulumi_kuma.controlplane.store.sqlite import SYNCHRONOUS_MODES, SqliteStore

    parts = urlsplit(url)
    if parts.netloc:
        raise StoreError(
            f"sqlite store URL {url!r} names a host ({parts.netloc!r}); "
            "an absolute path takes three slashes: sqlite:///path/to/file.db"
        )
    if not parts.path or parts.path.endswith("/"):
        raise StoreError(f"sqlite store URL {url!r} names no file; use sqlite:///path/to/file.db")
    options = parse_qs(parts.query, keep_blank_values=True)
    unknown = sorted(set(options) - {"synchronous"})
    if unknown:
        raise StoreError(
            f"sqlite store URL {url!r} has unknown option(s) {', '.join(unknown)}; the only option is "
            f"synchronous={'|'.join(m.lower() for m in SYNCHRONOUS_MODES)}"
        )
    synchronous = options.get("synchronous", ["normal"])[-1]
    return SqliteStore(parts.path, synchronous=synchronous)
