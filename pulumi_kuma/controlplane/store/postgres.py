"""The store for several control-plane replicas: PostgreSQL through psycopg 3 (async) and psycopg_pool.

* **Schema**: versioned migrations in ``pulumi_kuma.migrations``, applied on start under a
  transaction-scoped advisory lock, so replicas starting together apply each step exactly once.
* **Optimistic concurrency**: ``UPDATE ... WHERE version = expected``. Under READ COMMITTED a second
  writer blocked on the row re-checks the condition after the first commits, finds the new version,
  updates nothing and gets :class:`Conflict`; a lost update is impossible.
* **Changes**: a row trigger ``pg_notify``\\ s every insert, update and delete (cascades included)
  at commit; every replica LISTENs on a dedicated connection and fans events out in process. Each
  row also carries a ``revision`` from a sequence, and the listener keeps the revision of every key:
  after a dropped connection it reconnects and emits the difference, so no change goes unreported.
* **Leadership**: a session advisory lock held on a dedicated connection. When the leader's process
  dies its connection closes and PostgreSQL releases the lock; another replica's next attempt (every
  second) takes it. The leader checks its connection every second and steps down when that fails.
"""

from __future__ import annotations

import asyncio
import builtins
import contextlib
import json
import logging
import select
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime
from typing import Any, TypeVar

import psycopg
from psycopg import errors as pg_errors
from psycopg.conninfo import make_conninfo
from psycopg.rows import TupleRow
from psycopg.types.json import Jsonb
from psycopg_pool import AsyncConnectionPool

from pulumi_kuma.controlplane.store.base import (
    MESH_TYPE,
    AlreadyExists,
    ChangeAction,
    ChangeEvent,
    Conflict,
    NotFound,
    Store,
    StoreError,
    Unavailable,
)
from pulumi_kuma.controlplane.store.factory import redact_url
from pulumi_kuma.controlplane.store.feed import ChangeFeed, ChangeSubscription, Leadership
from pulumi_kuma.controlplane.store.rows import dump_json, load_json, loaded_mesh, stored_mesh
from pulumi_kuma.model.envelope import ResourceObject, now

log = logging.getLogger(__name__)

T = TypeVar("T")
Connection = psycopg.AsyncConnection[TupleRow]

SCHEMA = "pulumi_kuma"
CHANNEL = "pulumi_kuma_resources"
# Advisory lock keys: (class, object). The class spells "kuma"; advisory locks are per database.
LOCK_CLASS = 0x6B756D61
MIGRATION_LOCK = 1
LEADER_LOCK = 2

# Leadership timing. The leader checks its lock connection every HEARTBEAT seconds and steps down
# when a check fails or takes STEP_DOWN_AFTER seconds, so at most HEARTBEAT + STEP_DOWN_AFTER after
# its last good check. PostgreSQL releases the lock of a client it cannot hear from only after TCP
# keepalives fail (idle 5 s + 3 probes 1 s apart = 8 s), which is later, so two replicas do not lead
# at once; a process that dies closes its socket, and the lock is free at once.
HEARTBEAT = 1.0
STEP_DOWN_AFTER = 3.0
SERVER_KEEPALIVE = {"tcp_keepalives_idle": 5, "tcp_keepalives_interval": 1, "tcp_keepalives_count": 3}
CLIENT_KEEPALIVE = {"keepalives": 1, "keepalives_idle": 5, "keepalives_interval": 1, "keepalives_count": 3}
RECONNECT_DELAY = 0.5
CONNECT_TIMEOUT = 10

_COLUMNS = "type, mesh, name, version, labels, spec, status, creation_time, modification_time"
_TABLE = f"{SCHEMA}.resources"

# Each migration: (version, description, statements). Append only; never edit an applied one.
MIGRATIONS: tuple[tuple[int, str, tuple[str, ...]], ...] = (
    (
        1,
        "resources table",
        (
            f"CREATE SEQUENCE {SCHEMA}.resource_revision",
            # COLLATE "C": byte order, so lists sort as on SQLite whatever the database's locale.
            f"""CREATE TABLE {_TABLE} (
                type text COLLATE "C" NOT NULL,
                name text COLLATE "C" NOT NULL,
                mesh text COLLATE "C" NOT NULL,
                version bigint NOT NULL,
                revision bigint NOT NULL DEFAULT nextval('{SCHEMA}.resource_revision'),
                labels jsonb NOT NULL DEFAULT '{{}}',
                spec text NOT NULL,
                status text,
                creation_time timestamptz NOT NULL,
                modification_time timestamptz NOT NULL,
                PRIMARY KEY (type, name, mesh)
            )""",
            f"CREATE INDEX resources_by_mesh ON {_TABLE} (mesh, name)",
            f"CREATE INDEX resources_by_name ON {_TABLE} (name, mesh)",
        ),
    ),
    (
        2,
        "notify every committed row change",
        (
            f"""CREATE FUNCTION {SCHEMA}.notify_resource_change() RETURNS trigger
            LANGUAGE plpgsql AS $$
            DECLARE
                changed record;
            BEGIN
                IF TG_OP = 'DELETE' THEN changed := OLD; ELSE changed := NEW; END IF;
                PERFORM pg_notify('{CHANNEL}', json_build_object(
                    'action', CASE TG_OP WHEN 'INSERT' THEN 'create' ELSE lower(TG_OP) END, 'type', changed.type, 'mesh', changed.mesh,
                    'name', changed.name, 'version', changed.version, 'revision', changed.revision
                )::text);
                RETURN NULL;
            END
            $$""",
            f"""CREATE TRIGGER resources_notify AFTER INSERT OR UPDATE OR DELETE ON {_TABLE}
            FOR EACH ROW EXECUTE FUNCTION {SCHEMA}.notify_resource_change()""",
        ),
    ),
)
LATEST_SCHEMA = MIGRATIONS[-1][0]

Key = tuple[str, str, str]
"""(type, mesh, name) as stored (global kinds: mesh ``""``)."""


def _row_object(row: Sequence[Any]) -> ResourceObject:
    type, mesh, name, version, labels, spec, status, created, modified = row
    return ResourceObject(
        type=type,
        mesh=loaded_mesh(mesh),
        name=name,
        version=version,
        labels=labels,
        spec=json.loads(spec),
        status=load_json(status),
        creation_time=created.astimezone(UTC),
        modification_time=modified.astimezone(UTC),
    )


async def _check_idle_connection(conn: Connection) -> None:
    """Raise if a pooled connection was closed by the server while it sat idle.

    An idle connection has nothing to read unless the server sent something, which for a pooled
    connection means it is shutting the session down (a restart, ``pg_terminate_backend``). So only
    a readable socket costs a round trip; a healthy one costs one ``poll`` call. The pool replaces
    a connection that fails this check instead of failing the request.
    """
    poller = select.poll()
    poller.register(conn.fileno(), select.POLLIN)
    if poller.poll(0):
        await AsyncConnectionPool.check_connection(conn)


def _describe(type: str, mesh: str | None, name: str) -> str:
    return f"{type} {name!r}" + (f" in mesh {mesh!r}" if mesh else "")


class PostgresStore(Store):
    """A :class:`Store` in a PostgreSQL database shared by any number of replicas."""

    def __init__(self, conninfo: str, *, min_connections: int = 2, max_connections: int = 16) -> None:
        self.conninfo = conninfo
        self._shown = redact_url(conninfo)
        try:
            self._conninfo = make_conninfo(conninfo, connect_timeout=CONNECT_TIMEOUT, **CLIENT_KEEPALIVE)
        except psycopg.ProgrammingError as exc:
            raise StoreError(f"PostgreSQL store URL {self._shown!r} is not valid: {exc}") from None
        self._min_connections = min_connections
        self._max_connections = max_connections
        self._pool: AsyncConnectionPool[Connection] | None = None
        self._feed = ChangeFeed()
        self._leadership = Leadership(leader=False)
        self._known: dict[Key, tuple[int, int]] = {}
        """(revision, version) of every row, as of the last change this replica heard of."""
        self._tasks: list[asyncio.Task[None]] = []
        self._listen_conn: Connection | None = None
        self._leader_conn: Connection | None = None
        self._started = False
        self._closing = False

    # -- lifecycle -----------------------------------------------------------------------------

    async def start(self) -> None:
        """Migrate the schema, open the pool, start listening and contend for leadership."""
        if self._started:
            return
        conn = await self._connect("run migrations")
        try:
            await self._migrate(conn)
        finally:
            await conn.close()
        self._closing = False
        try:
            self._pool = AsyncConnectionPool(
                make_conninfo(self._conninfo, application_name="pulumi-kuma-store"),
                min_size=self._min_connections,
                max_size=self._max_connections,
                kwargs={"autocommit": True},
                check=_check_idle_connection,
                open=False,
                name="pulumi-kuma-store",
            )
            await self._pool.open(wait=True, timeout=CONNECT_TIMEOUT)
            # Listen before start() returns, so no write after it goes unreported.
            self._listen_conn = await self._start_listening()
            self._leader_conn = await self._leader_connection()
            await self._try_lead(self._leader_conn)
        except Exception as exc:
            await self._shut_down()
            if isinstance(exc, StoreError):
                raise
            raise Unavailable(f"cannot start the PostgreSQL store at {self._shown}: {exc}") from exc
        self._started = True
        self._tasks = [
            asyncio.create_task(self._listen_loop(), name="pulumi-kuma-store-listen"),
            asyncio.create_task(self._leader_loop(), name="pulumi-kuma-store-leader"),
        ]

    async def close(self) -> None:
        """Stop listening, give up leadership, close every connection and end subscriptions."""
        await self._shut_down()
        self._feed.close()

    async def _shut_down(self) -> None:
        self._closing = True
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks = []
        for conn in (self._listen_conn, self._leader_conn):
            if conn is not None:
                await conn.close()
        self._listen_conn = self._leader_conn = None
        # Closing the leader session released the lock; leader-only work stops here.
        self._leadership.set(False)
        if self._pool is not None:
            await self._pool.close()
            self._pool = None
        self._started = False

    @property
    def _connections(self) -> AsyncConnectionPool[Connection]:
        if self._pool is None:
            raise StoreError("PostgreSQL store is not started (call start() first)")
        return self._pool

    async def _connect(self, purpose: str, application_name: str = "pulumi-kuma-store") -> Connection:
        conninfo = make_conninfo(self._conninfo, application_name=application_name)
        try:
            return await psycopg.AsyncConnection.connect(conninfo, autocommit=True)
        except psycopg.Error as exc:
            raise Unavailable(f"cannot connect to PostgreSQL at {self._shown} to {purpose}: {exc}") from exc

    async def _migrate(self, conn: Connection) -> None:
        try:
            async with conn.transaction():
                # Replicas starting together queue here; each sees the others' finished steps.
                await conn.execute("SELECT pg_advisory_xact_lock(%s, %s)", (LOCK_CLASS, MIGRATION_LOCK))
                await conn.execute(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}")
                await conn.execute(
                    f"CREATE TABLE IF NOT EXISTS {SCHEMA}.migrations ("
                    "version integer PRIMARY KEY, description text NOT NULL, "
                    "applied_at timestamptz NOT NULL DEFAULT now())"
                )
                cursor = await conn.execute(f"SELECT version FROM {SCHEMA}.migrations")
                applied = {row[0] for row in await cursor.fetchall()}
                if applied and max(applied) > LATEST_SCHEMA:
                    raise StoreError(
                        f"PostgreSQL store at {self._shown} has schema version {max(applied)}, newer than "
                        f"this program knows ({LATEST_SCHEMA}); upgrade pulumi-kuma"
                    )
                for version, description, statements in MIGRATIONS:
                    if version in applied:
                        continue
                    for statement in statements:
                        await conn.execute(statement)
                    await conn.execute(
                        f"INSERT INTO {SCHEMA}.migrations (version, description) VALUES (%s, %s)",
                        (version, description),
                    )
                    log.info("store schema migrated to version %d (%s)", version, description)
        except psycopg.OperationalError as exc:
            raise Unavailable(f"lost PostgreSQL at {self._shown} while migrating: {exc}") from exc
        except psycopg.Error as exc:
            raise StoreError(f"cannot migrate the PostgreSQL store at {self._shown}: {exc}") from exc

    # -- running statements ------------------------------------------------------------------

    async def _read(self, query: str, params: Sequence[Any]) -> builtins.list[TupleRow]:
        # A read has no effect, so one retry on a fresh connection is always safe.
        for attempt in (1, 2):
            try:
                async with self._connections.connection() as conn:
                    cursor = await conn.execute(query, params)
                    return await cursor.fetchall()
            except psycopg.OperationalError as exc:
                if attempt == 2:
                    raise Unavailable(f"cannot read from PostgreSQL at {self._shown}: {exc}") from exc
                log.warning("retrying a read after a connection error: %s", exc)
            except psycopg.Error as exc:
                raise StoreError(f"PostgreSQL read failed: {exc}") from exc
        raise AssertionError("unreachable")

    async def _write(self, what: str, body: Callable[[Connection], Awaitable[T]]) -> T:
        # A write is not retried: if the connection broke mid-statement it may have committed.
        try:
            async with self._connections.connection() as conn:
                return await body(conn)
        except StoreError:
            raise
        except psycopg.OperationalError as exc:
            raise Unavailable(
                f"lost PostgreSQL at {self._shown} while writing {what}; it may or may not have been "
                f"applied, read it back before retrying: {exc}"
            ) from exc
        except psycopg.Error as exc:
            raise StoreError(f"cannot write {what}: {exc}") from exc

    # -- reads ---------------------------------------------------------------------------------

    async def get(self, type: str, mesh: str, name: str) -> ResourceObject | None:
        """One resource, or None."""
        rows = await self._read(
            f"SELECT {_COLUMNS} FROM {_TABLE} WHERE type = %s AND name = %s AND mesh = %s",
            (type, name, stored_mesh(mesh)),
        )
        return _row_object(rows[0]) if rows else None

    async def list(self, type: str | None = None, mesh: str | None = None) -> builtins.list[ResourceObject]:
        """Resources filtered by type and mesh, ordered by (name, mesh, type)."""
        clauses: builtins.list[str] = []
        params: builtins.list[str] = []
        if type is not None:
            clauses.append("type = %s")
            params.append(type)
        if mesh is not None:
            clauses.append("mesh = %s")
            params.append(stored_mesh(mesh))
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        rows = await self._read(f"SELECT {_COLUMNS} FROM {_TABLE} {where} ORDER BY name, mesh, type", params)
        return [_row_object(row) for row in rows]

    # -- writes --------------------------------------------------------------------------------

    async def create(self, obj: ResourceObject) -> ResourceObject:
        """Insert at version 1; raises :class:`AlreadyExists`."""
        created = obj.creation_time or now()
        stored = obj.evolve(
            mesh=obj.mesh or None,
            version=1,
            creation_time=created,
            modification_time=obj.modification_time or created,
        )
        what = _describe(obj.type, obj.mesh, obj.name)

        async def insert(conn: Connection) -> None:
            try:
                await conn.execute(
                    f"INSERT INTO {_TABLE} ({_COLUMNS}) VALUES (%s, %s, %s, 1, %s, %s, %s, %s, %s)",
                    (
                        obj.type,
                        stored_mesh(obj.mesh),
                        obj.name,
                        Jsonb(obj.labels),
                        dump_json(obj.spec),
                        None if obj.status is None else dump_json(obj.status),
                        created,
                        stored.modification_time,
                    ),
                )
            except pg_errors.UniqueViolation:
                raise AlreadyExists(f"{what} already exists") from None

        await self._write(what, insert)
        return stored

    async def update(self, obj: ResourceObject, expected_version: int) -> ResourceObject:
        """Replace the row if it is still at ``expected_version``; raises NotFound or Conflict."""
        modified = now()
        key = (obj.type, obj.name, stored_mesh(obj.mesh))
        what = _describe(obj.type, obj.mesh, obj.name)

        async def update_row(conn: Connection) -> tuple[int, datetime]:
            cursor = await conn.execute(
                f"UPDATE {_TABLE} SET version = version + 1, "
                f"revision = nextval('{SCHEMA}.resource_revision'), labels = %s, spec = %s, status = %s, "
                "modification_time = %s WHERE type = %s AND name = %s AND mesh = %s AND version = %s "
                "RETURNING version, creation_time",
                (
                    Jsonb(obj.labels),
                    dump_json(obj.spec),
                    None if obj.status is None else dump_json(obj.status),
                    modified,
                    *key,
                    expected_version,
                ),
            )
            row = await cursor.fetchone()
            if row is not None:
                return row[0], row[1]
            cursor = await conn.execute(
                f"SELECT version FROM {_TABLE} WHERE type = %s AND name = %s AND mesh = %s", key
            )
            current = await cursor.fetchone()
            if current is None:
                raise NotFound(f"{what} not found")
            raise Conflict(f"{what} changed: stored version {current[0]}, expected {expected_version}")

        version, created = await self._write(what, update_row)
        return obj.evolve(
            mesh=obj.mesh or None,
            version=version,
            creation_time=created.astimezone(UTC),
            modification_time=modified,
        )

    async def delete(self, type: str, mesh: str, name: str) -> None:
        """Delete a resource; a Mesh takes every resource in it along, in the same transaction."""
        what = _describe(type, mesh, name)

        async def delete_rows(conn: Connection) -> None:
            async with conn.transaction():
                cursor = await conn.execute(
                    f"DELETE FROM {_TABLE} WHERE type = %s AND name = %s AND mesh = %s RETURNING version",
                    (type, name, stored_mesh(mesh)),
                )
                if await cursor.fetchone() is None:
                    raise NotFound(f"{what} not found")
                if type == MESH_TYPE and not mesh:
                    await conn.execute(f"DELETE FROM {_TABLE} WHERE mesh = %s", (name,))

        await self._write(what, delete_rows)

    # -- change events ---------------------------------------------------------------------------

    def changes(self) -> ChangeSubscription:
        """Every committed write on any replica sharing this database, from now on."""
        return self._feed.subscribe()

    async def _start_listening(self) -> Connection:
        """A connection LISTENing on the channel, with the revisions map brought up to date.

        On a reconnect the rows that changed while nobody listened are emitted as events. The
        notifications of writes that commit between LISTEN and the snapshot are emitted as well;
        a repeated event is harmless, a missing one is not.
        """
        conn = await self._connect("listen for changes", "pulumi-kuma-listener")
        try:
            await conn.execute(f"LISTEN {CHANNEL}")
            cursor = await conn.execute(f"SELECT type, mesh, name, revision, version FROM {_TABLE}")
            rows = await cursor.fetchall()
        except psycopg.Error:
            await conn.close()
            raise
        current = {(t, m, n): (r, v) for t, m, n, r, v in rows}
        if self._started:
            self._feed.publish(self._missed_events(current))
        self._known = current
        return conn

    def _missed_events(self, current: dict[Key, tuple[int, int]]) -> builtins.list[ChangeEvent]:
        missed: builtins.list[ChangeEvent] = []
        for key, (revision, version) in sorted(current.items()):
            known = self._known.get(key)
            if known is None:
                missed.append(ChangeEvent(ChangeAction.CREATE, *key, version))
            elif known[0] != revision:
                missed.append(ChangeEvent(ChangeAction.UPDATE, *key, version))
        for key in sorted(self._known.keys() - current.keys()):
            missed.append(ChangeEvent(ChangeAction.DELETE, *key, self._known[key][1]))
        if missed:
            log.info("emitting %d change(s) made while the listener was disconnected", len(missed))
        return missed

    def _on_notify(self, payload: str) -> None:
        try:
            data = json.loads(payload)
            action = ChangeAction(data["action"])
            key: Key = (data["type"], data["mesh"], data["name"])
            event = ChangeEvent(action, *key, int(data["version"]))
            revision = int(data["revision"])
        except (ValueError, KeyError, TypeError):
            log.warning("ignoring a malformed change notification: %r", payload)
            return
        if action is ChangeAction.DELETE:
            self._known.pop(key, None)
        else:
            self._known[key] = (revision, event.version)
        self._feed.publish([event])

    async def _listen_loop(self) -> None:
        conn = self._listen_conn
        while not self._closing:
            try:
                if conn is None:
                    conn = await self._start_listening()
                    self._listen_conn = conn
                    log.info("change listener reconnected to %s", self._shown)
                async for notify in conn.notifies(timeout=HEARTBEAT):
                    self._on_notify(notify.payload)
                # Quiet for a while: make sure the connection is still there.
                await asyncio.wait_for(conn.execute("SELECT 1"), STEP_DOWN_AFTER)
            except (psycopg.Error, StoreError, TimeoutError) as exc:
                log.warning("change listener lost %s (%s); reconnecting", self._shown, exc)
                if conn is not None:
                    await conn.close()
                conn = self._listen_conn = None
                await asyncio.sleep(RECONNECT_DELAY)

    # -- leadership ------------------------------------------------------------------------------

    async def is_leader(self) -> bool:
        """Whether this replica holds the leader lock."""
        return self._leadership.is_leader

    def add_leadership_callback(self, callback: Callable[[bool], None]) -> Callable[[], None]:
        """Call ``callback(is_leader)`` now and whenever this replica gains or loses leadership."""
        return self._leadership.add_callback(callback)

    async def _leader_connection(self) -> Connection:
        """A connection for the leader lock, on which the server probes us often (keepalives)."""
        conn = await self._connect("hold leadership", "pulumi-kuma-leader")
        try:
            for setting, value in SERVER_KEEPALIVE.items():
                await conn.execute(f"SET {setting} = {int(value)}")
        except psycopg.Error:
            await conn.close()
            raise
        return conn

    async def _try_lead(self, conn: Connection) -> None:
        """Take the leader lock if it is free (one non-blocking attempt)."""
        cursor = await conn.execute("SELECT pg_try_advisory_lock(%s, %s)", (LOCK_CLASS, LEADER_LOCK))
        row = await cursor.fetchone()
        self._leadership.set(bool(row and row[0]))

    async def _leader_loop(self) -> None:
        conn = self._leader_conn
        while not self._closing:
            await asyncio.sleep(HEARTBEAT)
            try:
                if conn is None:
                    conn = self._leader_conn = await self._leader_connection()
                if self._leadership.is_leader:
                    # The lock lives as long as this session: checking the session checks the lock.
                    await asyncio.wait_for(conn.execute("SELECT 1"), STEP_DOWN_AFTER)
                else:
                    await asyncio.wait_for(self._try_lead(conn), STEP_DOWN_AFTER)
            except (psycopg.Error, StoreError, TimeoutError) as exc:
                # Without a working session this replica cannot know it still holds the lock.
                log.warning("leader connection to %s failed (%s); stepping down", self._shown, exc)
                self._leadership.set(False)
                if conn is not None:
                    await conn.close()
                conn = self._leader_conn = None
