/**
 * Postgres's migrations on a database with no table: each applied once, in number order, even
 * when several hosts start at once.
 */
import { expect, it } from 'vitest';
import { connectPostgres } from '../../src/store/postgres/connection.ts';
import { migratePostgres } from '../../src/store/postgres/migrate.ts';
import { createBareDatabase } from '../support/postgres.ts';

it('applies every migration once, even when two hosts migrate at the same time', async () => {
  const url = await createBareDatabase();
  const hosts = [connectPostgres(url, { max: 1 }), connectPostgres(url, { max: 1 })];
  try {
    const applied = await Promise.all(hosts.map((sql) => migratePostgres(sql)));
    const names = applied.flat();
    expect(names).toContain('001_events.sql');
    expect(names).toContain('011_send_ledger.sql');
    expect(new Set(names).size).toBe(names.length);
    const [sql] = hosts as [ReturnType<typeof connectPostgres>];
    const recorded = await sql<{ name: string }[]>`SELECT name FROM schema_migrations ORDER BY version`;
    expect(recorded.map((r) => r.name)).toEqual([...names].sort());
    expect(await migratePostgres(sql)).toEqual([]);
  } finally {
    await Promise.all(hosts.map((sql) => sql.end()));
  }
});
