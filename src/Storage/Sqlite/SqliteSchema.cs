using Microsoft.Data.Sqlite;

namespace AuroraTime.Storage.Sqlite;

/// <summary>
/// The schema, versioned with PRAGMA user_version. Each migration runs in one BEGIN IMMEDIATE
/// transaction, so two processes opening a fresh file at once cannot both create tables.
/// Instants are stored as Unix ticks (100 ns) in INTEGER columns.
/// </summary>
internal static class SqliteSchema
{
    public const int CurrentVersion = 3;

    private const string Version1 = """
        CREATE TABLE accounts (
            user_name TEXT NOT NULL PRIMARY KEY,
            password_hash TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            time_zone TEXT NULL,
            email_display_alarms INTEGER NOT NULL
        ) WITHOUT ROWID;

        CREATE TABLE app_passwords (
            user_name TEXT NOT NULL REFERENCES accounts(user_name) ON DELETE CASCADE,
            id TEXT NOT NULL,
            label TEXT NOT NULL,
            hash TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            last_used_at INTEGER NULL,
            PRIMARY KEY (user_name, id)
        ) WITHOUT ROWID;

        CREATE TABLE feed_links (
            token_id TEXT NOT NULL PRIMARY KEY,
            user_name TEXT NOT NULL REFERENCES accounts(user_name) ON DELETE CASCADE,
            collection_path TEXT NULL,
            scope INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            revoked_at INTEGER NULL
        ) WITHOUT ROWID;
        CREATE INDEX ix_feed_links_user ON feed_links(user_name, token_id);

        -- parent_path is '' for collections directly in the account home.
        -- incarnation is random per creation, so tokens of a deleted collection never validate again.
        CREATE TABLE collections (
            id INTEGER PRIMARY KEY,
            user_name TEXT NOT NULL REFERENCES accounts(user_name) ON DELETE CASCADE,
            path TEXT NOT NULL,
            parent_path TEXT NOT NULL,
            incarnation TEXT NOT NULL,
            kind INTEGER NOT NULL,
            display_name TEXT NULL,
            description TEXT NULL,
            color TEXT NULL,
            sort_order INTEGER NULL,
            time_zone TEXT NULL,
            components TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            sync_sequence INTEGER NOT NULL DEFAULT 0,
            prune_floor INTEGER NOT NULL DEFAULT 0,
            UNIQUE (user_name, path)
        );
        CREATE INDEX ix_collections_parent ON collections(user_name, parent_path, path);

        -- data is the last column so metadata-only reads stop before the blob's overflow pages.
        CREATE TABLE objects (
            id INTEGER PRIMARY KEY,
            collection_id INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
            href TEXT NOT NULL,
            uid TEXT NULL,
            component TEXT NULL,
            content_type TEXT NOT NULL,
            etag TEXT NOT NULL,
            size INTEGER NOT NULL,
            modified_at INTEGER NOT NULL,
            first_at INTEGER NULL,
            last_at INTEGER NULL,
            data BLOB NOT NULL,
            UNIQUE (collection_id, href)
        );
        -- Backstop for RFC 4791 no-uid-conflict; the write path checks first to report the other href.
        CREATE UNIQUE INDEX ux_objects_uid ON objects(collection_id, uid) WHERE uid IS NOT NULL;
        -- Time-range prefilter by component type, in href order for paging. Without a component the
        -- query walks the (collection_id, href) unique index.
        CREATE INDEX ix_objects_component_window ON objects(collection_id, component, href, first_at, last_at);

        -- One row per member: its latest change. Tombstones are rows with deleted = 1.
        CREATE TABLE changes (
            collection_id INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
            href TEXT NOT NULL,
            sequence INTEGER NOT NULL,
            deleted INTEGER NOT NULL,
            changed_at INTEGER NOT NULL,
            PRIMARY KEY (collection_id, href)
        ) WITHOUT ROWID;
        CREATE INDEX ix_changes_sequence ON changes(collection_id, sequence);
        CREATE INDEX ix_changes_tombstones ON changes(collection_id, deleted, changed_at);

        -- Planned alarm firings follow their object (moves keep object ids) and die with it.
        CREATE TABLE pending_reminders (
            object_id INTEGER NOT NULL REFERENCES objects(id) ON DELETE CASCADE,
            alarm_key TEXT NOT NULL,
            due_at INTEGER NOT NULL,
            PRIMARY KEY (object_id, alarm_key)
        ) WITHOUT ROWID;
        CREATE INDEX ix_pending_reminders_due ON pending_reminders(due_at, object_id, alarm_key);

        CREATE TABLE sent_reminders (
            user_name TEXT NOT NULL REFERENCES accounts(user_name) ON DELETE CASCADE,
            idempotency_key TEXT NOT NULL,
            sent_at INTEGER NOT NULL,
            PRIMARY KEY (user_name, idempotency_key)
        ) WITHOUT ROWID;

        -- href '' is the collection itself.
        CREATE TABLE dead_properties (
            collection_id INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
            href TEXT NOT NULL,
            name TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (collection_id, href, name)
        ) WITHOUT ROWID;
        """;

    // Version 2: claimed-but-unsent reminder deliveries (retries across restarts, recorded failures).
    // next_attempt_at is NULL once given up (failed_at and last_error say when and why); a sent one is deleted.
    private const string Version2 = """
        CREATE TABLE reminder_deliveries (
            user_name TEXT NOT NULL REFERENCES accounts(user_name) ON DELETE CASCADE,
            idempotency_key TEXT NOT NULL,
            object_id INTEGER NOT NULL REFERENCES objects(id) ON DELETE CASCADE,
            alarm_key TEXT NOT NULL,
            due_at INTEGER NOT NULL,
            attempts INTEGER NOT NULL,
            next_attempt_at INTEGER NULL,
            failed_at INTEGER NULL,
            last_error TEXT NULL,
            PRIMARY KEY (user_name, idempotency_key)
        ) WITHOUT ROWID;
        CREATE INDEX ix_reminder_deliveries_next ON reminder_deliveries(next_attempt_at) WHERE next_attempt_at IS NOT NULL;
        CREATE INDEX ix_reminder_deliveries_object ON reminder_deliveries(object_id);
        """;

    // Version 3: the caller's instance index of each object (ObjectContent.InstanceIndex: CalDAV's VEVENT
    // instances, so a time-range query decides without parsing). Rows written before it hold NULL, which
    // callers read as "no index" and test exactly; ADD COLUMN rewrites no row, so the upgrade is instant.
    private const string Version3 = """
        ALTER TABLE objects ADD COLUMN instance_index BLOB NULL;
        """;

    /// <exception cref="NotSupportedException">The file was written by a newer schema version.</exception>
    public static void Migrate(SqliteConnection connection)
    {
        // journal_mode cannot change inside a transaction; WAL is persistent in the file once set.
        using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            wal.ExecuteNonQuery();
        }

        using var transaction = connection.BeginTransaction(deferred: false);
        var version = ReadVersion(connection, transaction);
        if (version > CurrentVersion)
        {
            throw new NotSupportedException(
                $"The database has schema version {version}; this build knows up to {CurrentVersion}.");
        }

        if (version < 1)
        {
            Execute(connection, transaction, Version1);
            Execute(connection, transaction, "PRAGMA user_version = 1;");
        }

        if (version < 2)
        {
            Execute(connection, transaction, Version2);
            Execute(connection, transaction, "PRAGMA user_version = 2;");
        }

        if (version < 3)
        {
            Execute(connection, transaction, Version3);
            Execute(connection, transaction, "PRAGMA user_version = 3;");
        }

        transaction.Commit();
    }

    public static long ReadVersion(SqliteConnection connection, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA user_version;";
        return (long)command.ExecuteScalar()!;
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
