/** The database schema, as versioned steps applied in order at start (see Database.migrate). */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "seen events and installations",
    sql: `
      CREATE TABLE amiport_seen_events (
        event_id text PRIMARY KEY,
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX amiport_seen_events_expires_at ON amiport_seen_events (expires_at);
      CREATE TABLE amiport_installations (
        install_key text PRIMARY KEY,
        enterprise_id text,
        team_id text,
        is_enterprise_install boolean NOT NULL,
        sealed bytea NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );`,
  },
  {
    version: 2,
    name: "reply claims and the outbox",
    // lease_until NULL: answered (rows from before claims were answered too); reply: the outbox
    sql: `
      ALTER TABLE amiport_seen_events
        ADD COLUMN lease_until timestamptz,
        ADD COLUMN attempts integer NOT NULL DEFAULT 1,
        ADD COLUMN reply jsonb;
      CREATE INDEX amiport_seen_events_outbox ON amiport_seen_events (lease_until) WHERE reply IS NOT NULL;`,
  },
  {
    version: 3,
    name: "served request signatures",
    sql: `
      CREATE TABLE amiport_served_signatures (
        signature text PRIMARY KEY,
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX amiport_served_signatures_expires_at ON amiport_served_signatures (expires_at);`,
  },
];
