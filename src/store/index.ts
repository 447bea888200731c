/**
 * The store behind the transport: reply claims (with the outbox) and installations, in memory (one process, no
 * database) or in PostgreSQL (any number of replicas). SQL lives only in this folder.
 */
import { CachedInstallations } from "./cached-installations.js";
import { Database, type QueryOutcome } from "./database.js";
import type { InstallationRecords } from "./installations.js";
import { PostgresInstallations } from "./postgres-installations.js";
import { PostgresReplyClaims } from "./postgres-reply-claims.js";
import { PostgresServedSignatures } from "./postgres-served-signatures.js";
import { MemoryReplyClaims, REPLY_LEASE_MS, type ReplyClaims } from "./reply-claims.js";
import type { ServedSignatureStore } from "./served-signatures.js";
import { type DedupeScope, SharedReplyClaims } from "./shared-reply-claims.js";
import type { TokenKeyError, TokenKeys } from "./token-keys.js";

export { Database } from "./database.js";
export {
  type AnyInstallation,
  type AnyQuery,
  InstallationNotFoundError,
  type InstallationRecords,
  MemoryInstallations,
} from "./installations.js";
export { type Claim, type KeptReply, MemoryReplyClaims, REPLY_LEASE_MS, type ReplyClaims } from "./reply-claims.js";
export type { ServedSignatureStore } from "./served-signatures.js";
export type { DedupeScope } from "./shared-reply-claims.js";
export { TokenKeyError, type TokenKeys } from "./token-keys.js";

/** How often expired claims are removed (and, after a failed start, the schema retried). */
const CLEANUP_EVERY_MS = 60_000;
/**
 * Attempts to migrate at start, a second apart, before giving up, in distributed mode (which needs
 * the database). Without installations one attempt, then retries in the background: answers need no database.
 */
const MIGRATE_ATTEMPTS = 5;

export interface Store {
  /** Who answers which request; with a database, shared by every replica and keeping the outbox. */
  readonly replyClaims: ReplyClaims;
  /** Only with a database and a token key (distributed mode). */
  readonly installations?: InstallationRecords;
  readonly database?: Database;
  /** Only with a database: the request signatures every replica has served. */
  readonly servedSignatures?: ServedSignatureStore;
  /** Where de-duplication is kept now: "local" without a database; "memory" while the database is away. */
  dedupeScope(): DedupeScope | "local";
  /** Why the last stored installation read could not be decrypted, if it could not. */
  tokenKeyProblem(): string | undefined;
  close(): Promise<void>;
}

export interface StoreObserver {
  query(operation: string, outcome: QueryOutcome): void;
  /** De-duplication moved between the database and this process's memory. */
  dedupeScope(scope: DedupeScope, error?: unknown): void;
  /** Something in the background failed: migrating, cleaning up, an idle connection. */
  backgroundError(task: string, error: unknown): void;
  /** A stored installation could not be decrypted with the configured keys. */
  tokenKeyFailed(error: TokenKeyError): void;
}

export interface StoreOptions {
  readonly database?: { readonly url: string; readonly poolSize: number };
  /** AES-256 keys for installations; set in distributed mode. */
  readonly tokenKeys?: TokenKeys;
  /** How long a reply claim holds (default REPLY_LEASE_MS). */
  readonly replyLeaseMs?: number;
}

export function memoryStore(replyLeaseMs = REPLY_LEASE_MS): Store {
  return {
    replyClaims: new MemoryReplyClaims(replyLeaseMs),
    dedupeScope: () => "local",
    tokenKeyProblem: () => undefined,
    close: async () => {},
  };
}

/**
 * Opens the store `options` ask for. With installations, a database that cannot be migrated stops
 * the start, and so does a stored installation the keys cannot decrypt (a TokenKeyError).
 */
export async function openStore(options: StoreOptions, observer: StoreObserver): Promise<Store> {
  const leaseMs = options.replyLeaseMs ?? REPLY_LEASE_MS;
  if (!options.database) return memoryStore(leaseMs);
  const database = new Database({
    ...options.database,
    onQuery: (operation, outcome) => observer.query(operation, outcome),
    onIdleError: (error) => observer.backgroundError("idle connection", error),
  });
  let migrated = await migrateWithRetries(database, observer, options.tokenKeys ? MIGRATE_ATTEMPTS : 1);
  if (!migrated && options.tokenKeys) {
    await database.close();
    throw new Error("the database at DATABASE_URL could not be reached or migrated");
  }
  let tokenKeyProblem: string | undefined;
  const installations = options.tokenKeys
    ? new PostgresInstallations(database, options.tokenKeys, (error) => {
        tokenKeyProblem = error?.message;
        if (error) observer.tokenKeyFailed(error);
      })
    : undefined;
  try {
    await installations?.checkKeys();
  } catch (error) {
    await database.close();
    throw error;
  }
  const postgresClaims = new PostgresReplyClaims(database, leaseMs);
  const servedSignatures = new PostgresServedSignatures(database);
  const replyClaims = new SharedReplyClaims(
    postgresClaims,
    (scope, error) => observer.dedupeScope(scope, error),
    new MemoryReplyClaims(leaseMs),
  );
  const cleanup = setInterval(async () => {
    try {
      if (!migrated) {
        await database.migrate();
        migrated = true;
      }
      await postgresClaims.removeExpired();
      await servedSignatures.removeExpired();
    } catch (error) {
      observer.backgroundError(migrated ? "cleanup" : "migrate", error);
    }
  }, CLEANUP_EVERY_MS);
  cleanup.unref();
  return {
    replyClaims,
    ...(installations ? { installations: new CachedInstallations(installations) } : {}),
    database,
    servedSignatures,
    dedupeScope: () => replyClaims.currentScope,
    tokenKeyProblem: () => tokenKeyProblem,
    close: async () => {
      clearInterval(cleanup);
      await database.close();
    },
  };
}

async function migrateWithRetries(database: Database, observer: StoreObserver, attempts: number): Promise<boolean> {
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      await database.migrate();
      return true;
    } catch (error) {
      observer.backgroundError("migrate", error);
      if (attempt < attempts) await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
  return false;
}
