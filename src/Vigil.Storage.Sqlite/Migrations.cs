namespace Vigil.Storage.Sqlite;

/// <summary>
/// Versioned schema changes, applied in order inside one transaction each. Never edit a shipped migration: add one.
/// </summary>
internal static class Migrations
{
    public static readonly (int Version, string Name, string Sql)[] All =
    [
        (1, "initial", """
            CREATE TABLE devices (
                ordinal INTEGER PRIMARY KEY,
                id TEXT NOT NULL UNIQUE,
                key_hash TEXT NOT NULL UNIQUE,
                doc TEXT NOT NULL);

            -- Raw observations land here in arrival order: no secondary index, so appends stay cheap.
            CREATE TABLE obs_recent (
                device INTEGER NOT NULL,
                quantity INTEGER NOT NULL,
                ts INTEGER NOT NULL,
                value REAL NOT NULL);

            -- Compacted observations: one row per device, quantity and compaction round, points packed as (ts, value).
            CREATE TABLE obs_blocks (
                id INTEGER PRIMARY KEY,
                device INTEGER NOT NULL,
                quantity INTEGER NOT NULL,
                t0 INTEGER NOT NULL,
                t1 INTEGER NOT NULL,
                n INTEGER NOT NULL,
                data BLOB NOT NULL);
            CREATE INDEX obs_blocks_device ON obs_blocks (device, quantity, t1);
            CREATE INDEX obs_blocks_t1 ON obs_blocks (t1);

            CREATE TABLE ingest_batches (
                device INTEGER NOT NULL,
                batch_id TEXT NOT NULL,
                count INTEGER NOT NULL,
                received_ms INTEGER NOT NULL,
                PRIMARY KEY (device, batch_id)) WITHOUT ROWID;
            CREATE INDEX ingest_batches_received ON ingest_batches (received_ms);

            CREATE TABLE alarms (
                id INTEGER PRIMARY KEY,
                state TEXT NOT NULL,
                category TEXT NOT NULL,
                device_id TEXT NOT NULL,
                raised_at TEXT NOT NULL,
                doc TEXT NOT NULL);
            CREATE INDEX alarms_state ON alarms (state);

            CREATE TABLE incidents (
                id INTEGER PRIMARY KEY,
                status TEXT NOT NULL,
                type TEXT NOT NULL,
                priority INTEGER NOT NULL,
                created_at TEXT NOT NULL,
                doc TEXT NOT NULL);
            CREATE INDEX incidents_status ON incidents (status);

            CREATE TABLE units (
                id TEXT PRIMARY KEY,
                doc TEXT NOT NULL);

            CREATE TABLE users (
                id TEXT PRIMARY KEY,
                user_name TEXT NOT NULL UNIQUE COLLATE NOCASE,
                doc TEXT NOT NULL);

            CREATE TABLE feed (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                type TEXT NOT NULL,
                at TEXT NOT NULL,
                data TEXT NOT NULL);

            CREATE TABLE audit (
                seq INTEGER PRIMARY KEY,
                at TEXT NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                entity_type TEXT NOT NULL,
                entity_id TEXT NOT NULL,
                before TEXT,
                after TEXT,
                prev_hash TEXT NOT NULL,
                hash TEXT NOT NULL);
            CREATE INDEX audit_entity ON audit (entity_type, entity_id);
            """),
        (2, "reports-and-city-map", """
            -- Residents' reports, looked up by ticket; the photo stays out of the document so lists stay small.
            CREATE TABLE reports (
                ticket TEXT PRIMARY KEY,
                status TEXT NOT NULL,
                created_at TEXT NOT NULL,
                doc TEXT NOT NULL,
                photo_type TEXT,
                photo BLOB);
            CREATE INDEX reports_created ON reports (created_at);

            -- The city's base map (districts, streets) as one document; a single row with id 'city'.
            CREATE TABLE city_map (
                id TEXT PRIMARY KEY,
                doc TEXT NOT NULL);
            """),

        // Observations and batch ids are keyed by device ordinal. A plain INTEGER PRIMARY KEY hands the largest ordinal
        // out again once that device is removed, so the next device inherited its observations and its batch ids.
        // AUTOINCREMENT never reuses one; the sequence starts past every ordinal that stored data still uses.
        (3, "device ordinals are never reused", """
            CREATE TABLE devices_v2 (
                ordinal INTEGER PRIMARY KEY AUTOINCREMENT,
                id TEXT NOT NULL UNIQUE,
                key_hash TEXT NOT NULL UNIQUE,
                doc TEXT NOT NULL);
            INSERT INTO devices_v2 (ordinal, id, key_hash, doc) SELECT ordinal, id, key_hash, doc FROM devices;
            DROP TABLE devices;
            ALTER TABLE devices_v2 RENAME TO devices;
            DELETE FROM sqlite_sequence WHERE name IN ('devices', 'devices_v2');
            INSERT INTO sqlite_sequence (name, seq) VALUES ('devices', max(
                (SELECT coalesce(max(ordinal), 0) FROM devices),
                (SELECT coalesce(max(device), 0) FROM obs_recent),
                (SELECT coalesce(max(device), 0) FROM obs_blocks),
                (SELECT coalesce(max(device), 0) FROM ingest_batches)));
            """),

        (4, "public warnings", """
            -- CAP alerts: the operator-facing document, and the CAP 1.2 XML published for it byte for byte.
            CREATE TABLE alerts (
                id TEXT PRIMARY KEY,
                status TEXT NOT NULL,
                drafted_at TEXT NOT NULL,
                doc TEXT NOT NULL,
                cap TEXT NOT NULL);
            CREATE INDEX alerts_status ON alerts (status, drafted_at);
            """),

        (5, "third-party api keys", """
            -- Open311 clients' keys: the SHA-256 of each secret, never the secret.
            CREATE TABLE api_keys (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                key_hash TEXT NOT NULL UNIQUE,
                created_at TEXT NOT NULL,
                created_by TEXT NOT NULL,
                revoked_at TEXT);
            """),
        (6, "camera configurations and detection batches", """
            -- A camera's zones, rules and calibration as one document.
            CREATE TABLE camera_configs (
                camera_id TEXT PRIMARY KEY,
                doc TEXT NOT NULL);

            -- Detection batches as received (validated JSON frames), stored before the camera is answered; the key
            -- makes a retried batch a no-op. Frame times are Unix milliseconds.
            CREATE TABLE camera_batches (
                camera_id TEXT NOT NULL,
                batch_id TEXT NOT NULL,
                first_frame INTEGER NOT NULL,
                last_frame INTEGER NOT NULL,
                frames TEXT NOT NULL,
                PRIMARY KEY (camera_id, batch_id));
            CREATE INDEX camera_batches_time ON camera_batches (camera_id, last_frame);
            """),
        (7, "detector state", """
            -- Learned rule and detector state per device, written periodically and at shutdown, read at start.
            CREATE TABLE detector_state (
                device TEXT PRIMARY KEY,
                saved_at TEXT NOT NULL,
                state BLOB NOT NULL);
            """),
        (8, "sealed report contacts and retention", """
            -- Contact details move out of the document into their own column, where only sealed values (AES-GCM, see
            -- ContactCipher) are written; a value left from before is plain text until a re-encrypt pass seals it.
            ALTER TABLE reports ADD COLUMN contact TEXT;
            ALTER TABLE reports ADD COLUMN updated_at TEXT;
            ALTER TABLE reports ADD COLUMN purged_at TEXT;
            UPDATE reports SET
                contact = json_extract(doc, '$.contact'),
                updated_at = coalesce(json_extract(doc, '$.updatedAt'), created_at),
                doc = json_set(json_remove(doc, '$.contact'), '$.hasContact',
                    json(CASE WHEN json_extract(doc, '$.contact') IS NULL THEN 'false' ELSE 'true' END));
            CREATE INDEX reports_purge_due ON reports (updated_at) WHERE purged_at IS NULL;
            """),
        (9, "alert delivery", """
            -- Subscribers to public warnings; the document holds the kind, name, URL and area. A resident is found by
            -- the hash of its token, a webhook's secret is kept as given because signing needs it.
            CREATE TABLE subscribers (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                kind TEXT NOT NULL,
                token_hash TEXT UNIQUE,
                secret TEXT,
                doc TEXT NOT NULL);

            -- The outbox: one row per alert and subscriber (the unique key makes a repeated fan-out harmless). Times are
            -- Unix milliseconds so that due times compare as numbers.
            CREATE TABLE deliveries (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                subscriber_id INTEGER NOT NULL,
                alert_id TEXT NOT NULL,
                idempotency_key TEXT NOT NULL,
                state INTEGER NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                created_at INTEGER NOT NULL,
                due_at INTEGER NOT NULL,
                delivered_at INTEGER,
                last_error TEXT,
                UNIQUE (subscriber_id, alert_id));
            CREATE INDEX deliveries_due ON deliveries (state, due_at);
            CREATE INDEX deliveries_subscriber ON deliveries (subscriber_id, id);
            """),

        (10, "health counts", """
            -- Surveillance counts for outbreak detection; a period's count is replaced by a later report of it.
            CREATE TABLE health_counts (
                syndrome TEXT NOT NULL,
                district TEXT NOT NULL,
                period TEXT NOT NULL,
                start_date TEXT NOT NULL,
                count INTEGER NOT NULL,
                PRIMARY KEY (syndrome, district, period, start_date));
            """),
        (11, "hospitals", """
            -- Hospitals that receive EMS patients; the document holds the name, location and last reported capacity.
            CREATE TABLE hospitals (
                id TEXT PRIMARY KEY,
                doc TEXT NOT NULL);
            """),
        (12, "alarms from count series", """
            -- An alarm comes from a device or, for outbreak detection, from a count series: device_id becomes optional
            -- (SQLite cannot drop NOT NULL in place, so the table is rebuilt) and source_key names the series and
            -- period, unique so that the same period can never alarm twice.
            CREATE TABLE alarms_new (
                id INTEGER PRIMARY KEY,
                state TEXT NOT NULL,
                category TEXT NOT NULL,
                device_id TEXT,
                source_key TEXT,
                raised_at TEXT NOT NULL,
                doc TEXT NOT NULL);
            INSERT INTO alarms_new (id, state, category, device_id, raised_at, doc)
                SELECT id, state, category, device_id, raised_at, doc FROM alarms;
            DROP TABLE alarms;
            ALTER TABLE alarms_new RENAME TO alarms;
            CREATE INDEX alarms_state ON alarms (state);
            CREATE UNIQUE INDEX alarms_source_key ON alarms (source_key) WHERE source_key IS NOT NULL;
            """),
        (13, "unpublished batches", """
            -- Batches stored but not yet confirmed by the bus, with their rows (ObservationRowCodec), so that they can
            -- be published again; a row is written with its batch and deleted once the publish is confirmed.
            CREATE TABLE ingest_unpublished (
                device INTEGER NOT NULL,
                batch_id TEXT NOT NULL,
                received_ms INTEGER NOT NULL,
                rows BLOB NOT NULL,
                PRIMARY KEY (device, batch_id)) WITHOUT ROWID;
            CREATE INDEX ingest_unpublished_received ON ingest_unpublished (received_ms);
            """),
        (14, "detection batch expiry", """
            -- Retention deletes detection batches by age across all cameras; the (camera_id, last_frame) index cannot serve that.
            CREATE INDEX camera_batches_expiry ON camera_batches (last_frame);
            """),
        (15, "applied desk commands", """
            -- Forwarded desk commands the desk applied, written in the transaction of their effects, with the reply that
            -- answers the command again if its caller retries it or the broker redelivers it to a new desk holder.
            CREATE TABLE desk_commands (
                id TEXT PRIMARY KEY,
                applied_ms INTEGER NOT NULL,
                reply TEXT NOT NULL) WITHOUT ROWID;
            CREATE INDEX desk_commands_applied ON desk_commands (applied_ms);
            """),
    ];
}
