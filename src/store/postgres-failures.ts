/**
 * Why a Postgres store could not be opened, in one line: the client's errors carry a code
 * (a socket's, or the server's SQLSTATE) that says more than its message alone.
 */
const SOCKET_HINTS: Record<string, string> = {
  ECONNREFUSED: 'nothing answers at that host and port; is the server running?',
  ENOTFOUND: 'the host name does not resolve',
  ETIMEDOUT: 'the server did not answer in time',
  ECONNRESET: 'the server closed the connection (a TLS setting it refuses?)',
};

const SERVER_HINTS: Record<string, string> = {
  '28P01': 'the password was refused',
  '28000': 'the server refuses this user from this host',
  '3D000': 'the database does not exist; create it first (CREATE DATABASE)',
  '42501': 'this user lacks a privilege the store needs (it creates its tables on first start)',
  '25006': 'the database is read-only here',
};

export function describePostgresFailure(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown };
  const message = String(e.message ?? err).split('\n')[0] ?? '';
  const code = typeof e.code === 'string' ? e.code : undefined;
  const hint = code ? (SOCKET_HINTS[code] ?? SERVER_HINTS[code]) : undefined;
  return hint ? `${message} (${hint})` : message;
}
