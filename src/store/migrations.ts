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
    // version 3: version 2 is issue 18's reply claims, developed alongside
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
