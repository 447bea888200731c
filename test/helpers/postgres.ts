/**
 * A real PostgreSQL server for the tests: a new cluster in a temp directory on a free loopback
 * port, started with the machine's PostgreSQL 15 (as the `postgres` user when running as root,
 * since the server refuses to run as root), stopped and removed afterwards.
 *
 * Where no server can start, `startPostgres` says why and the tests that need one skip, unless
 * AMIPORT_REQUIRE_POSTGRES=1 (set by .ci/run), which makes that a failure.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const BIN = process.env.AMIPORT_POSTGRES_BIN ?? "/usr/lib/postgresql/15/bin";

export interface TestPostgres {
  /** postgres://postgres@127.0.0.1:PORT/postgres */
  readonly url: string;
  readonly port: number;
  /** Stops the server (fast shutdown), as in an outage. */
  pause(): void;
  /** Starts it again on the same port and data. */
  resume(): void;
  /** Stops it for good and removes its data. */
  stop(): void;
}

export type PostgresOrReason = { readonly server: TestPostgres } | { readonly skip: string };

export const postgresRequired = process.env.AMIPORT_REQUIRE_POSTGRES === "1";

/** A loopback port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Runs a PostgreSQL program, as `postgres` when we are root. */
function run(program: string, args: string[]): void {
  const asRoot = process.getuid?.() === 0;
  const [file, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", join(BIN, program), ...args]] : [join(BIN, program), args];
  execFileSync(file, argv, { stdio: ["ignore", "pipe", "pipe"], cwd: tmpdir() });
}

export async function startPostgres(): Promise<PostgresOrReason> {
  if (!existsSync(join(BIN, "initdb"))) return unavailable(`PostgreSQL is not installed (${BIN}/initdb is missing)`);
  const dir = mkdtempSync(join(tmpdir(), "amiport-pg-"));
  const data = join(dir, "data");
  const port = await freePort();
  try {
    chmodSync(dir, 0o700);
    if (process.getuid?.() === 0) {
      const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
      const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
      chownSync(dir, uid, gid);
    }
    run("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C"]);
    const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c max_connections=60`;
    const start = () => run("pg_ctl", ["-D", data, "-o", options, "-l", join(dir, "log"), "-w", "-t", "20", "start"]);
    const halt = () => run("pg_ctl", ["-D", data, "-m", "fast", "-w", "-t", "20", "stop"]);
    start();
    return {
      server: {
        url: `postgres://postgres@127.0.0.1:${port}/postgres`,
        port,
        pause: halt,
        resume: start,
        stop: () => {
          try {
            halt();
          } catch {
            // already stopped
          }
          rmSync(dir, { recursive: true, force: true });
        },
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const detail = error as { stderr?: Buffer; message?: string };
    return unavailable(
      `PostgreSQL could not start: ${
        String(detail.stderr ?? detail.message)
          .trim()
          .split("\n")[0]
      }`,
    );
  }
}

function unavailable(reason: string): PostgresOrReason {
  if (postgresRequired) throw new Error(`AMIPORT_REQUIRE_POSTGRES=1 but ${reason}`);
  console.warn(`skipping the PostgreSQL tests: ${reason}`);
  return { skip: reason };
}
