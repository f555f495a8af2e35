/**
 * Connecting to Postgres (postgres.js): a pool per store, the TLS settings of the URL in libpq's
 * words (`sslmode`, `sslrootcert`, `sslcert`, `sslkey`) turned into Node's TLS options, and
 * Postgres's 64-bit integers and sums read as JavaScript numbers (counts and ids here stay far
 * below 2^53).
 */
import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import postgres, { type ISql, type Sql } from 'postgres';

export type { Sql };

/** Options for `sql.unsafe` statements that run often: prepared once per connection, as tagged ones are. */
export const PREPARED = { prepare: true } as const;

/** A pool or a transaction: what runs statements. */
export type Queryable = ISql;

/** The TLS parameters libpq reads from a URL; postgres.js would pass unknown ones to the server. */
const TLS_PARAMETERS = ['sslmode', 'sslrootcert', 'sslcert', 'sslkey'] as const;
const SSL_MODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;
export type SslMode = (typeof SSL_MODES)[number];

export type SslOption = false | 'prefer' | 'require' | ConnectionOptions;

export interface ParsedUrl {
  /** The URL without its TLS parameters. */
  url: string;
  ssl: SslOption;
}

/** Splits the TLS parameters off a postgres:// URL; files named by them are read with `readFile`. */
export function parseDatabaseUrl(
  databaseUrl: string,
  readFile: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): ParsedUrl {
  const url = new URL(databaseUrl);
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new Error(`a database URL starts with postgres://, not ${url.protocol}//`);
  }
  const [mode, rootCert, cert, key] = TLS_PARAMETERS.map((name) => url.searchParams.get(name) ?? undefined);
  for (const name of TLS_PARAMETERS) url.searchParams.delete(name);
  if (mode !== undefined && !SSL_MODES.includes(mode as SslMode)) {
    throw new Error(`sslmode must be one of ${SSL_MODES.join(', ')}, not "${mode}"`);
  }
  const read = (what: string, path: string) => {
    try {
      return readFile(path);
    } catch (err) {
      throw new Error(`cannot read the ${what} "${path}": ${(err as Error).message}`, { cause: err });
    }
  };
  const client = {
    ...(cert !== undefined && { cert: read('client certificate (sslcert)', cert) }),
    ...(key !== undefined && { key: read('client key (sslkey)', key) }),
  };
  const systemCa = rootCert === 'system';
  const ca = rootCert !== undefined && !systemCa ? read('CA file (sslrootcert)', rootCert) : undefined;
  // As libpq: a CA file given with "require" (or no mode) verifies the server's certificate.
  const effective: SslMode =
    (mode as SslMode | undefined) ??
    (systemCa ? 'verify-full' : ca !== undefined ? 'verify-ca' : cert !== undefined ? 'require' : 'prefer');
  let ssl: SslOption;
  if (effective === 'disable') ssl = false;
  else if ((effective === 'allow' || effective === 'prefer') && ca === undefined && cert === undefined) ssl = 'prefer';
  else if (effective === 'require' && ca === undefined) ssl = { ...client, rejectUnauthorized: false };
  else {
    const verifyHost = effective === 'verify-full' || systemCa;
    ssl = {
      ...client,
      ...(ca !== undefined && { ca }),
      rejectUnauthorized: true,
      ...(!verifyHost && { checkServerIdentity: () => undefined }),
    };
  }
  return { url: url.toString(), ssl };
}

export interface ConnectOptions {
  /** Connections in the pool; default 10. */
  max?: number | undefined;
  /** Shown in pg_stat_activity. */
  applicationName?: string | undefined;
  /** Every transaction read-only: the server refuses a write. */
  readOnly?: boolean | undefined;
}

const asNumber = (value: string) => Number(value);

/**
 * A TCP connection with Nagle's algorithm off: postgres.js sends a transaction's statements
 * back to back, and with Nagle on each small write after the first waits for the server's
 * delayed acknowledgement (40 ms on Linux).
 */
function openSocket(options: { host: string[]; port: number[] }): Promise<Socket> {
  const host = options.host[0] ?? 'localhost';
  const port = options.port[0] ?? 5432;
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, noDelay: true });
    socket.once('connect', () => {
      socket.off('error', reject);
      // postgres.js names the server by these for TLS.
      Object.assign(socket, { host, port });
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

/** A pool of connections to the database the URL names. */
export function connectPostgres(databaseUrl: string, options: ConnectOptions = {}): Sql {
  const { url, ssl } = parseDatabaseUrl(databaseUrl);
  return postgres(url, {
    max: options.max ?? 10,
    ssl,
    onnotice: () => {},
    // Typed in postgres.js's code but not in its declarations.
    ...({ socket: openSocket } as object),
    connection: {
      application_name: options.applicationName ?? 'sitrep',
      ...(options.readOnly && { default_transaction_read_only: true }),
    },
    types: {
      // int8 (counts, ids) and numeric (sums of int8) as numbers.
      int8: { to: 20, from: [20], serialize: (x: number) => String(x), parse: asNumber },
      numeric: { to: 1700, from: [1700], serialize: (x: number) => String(x), parse: asNumber },
    },
  });
}
