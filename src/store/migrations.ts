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
];
