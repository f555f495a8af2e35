/**
 * `sitrep migrate-store --from <sqlite file> --to <postgres url>` copies a SQLite store into
 * Postgres (resumable: run it again after a stop); `sitrep rebuild-derived` rebuilds the derived
 * rows of the store with this process's gazetteer and time zone, once for every process that
 * shares it. Bad arguments and stores that cannot be reached print one line and exit 2.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Gazetteer } from '../../core/places.ts';
import { loadSeedData } from '../../data/load.ts';
import { connectPostgres } from '../../store/postgres/connection.ts';
import { copyFromSqlite } from '../../store/postgres/copy-from-sqlite.ts';
import { rebuildPostgresDerived } from '../../store/postgres/index.ts';
import { migratePostgres } from '../../store/postgres/migrate.ts';
import { openSqliteStores } from '../../store/sqlite.ts';
import type { CliIo } from './cli.ts';

export interface StoreCliSettings {
  /** SITREP_DATABASE_URL, if set. */
  databaseUrl: string | undefined;
  /** SITREP_DB_PATH: the SQLite store, when no database URL is set. */
  dbPath: string;
  timeZone: string;
  io: CliIo;
}

function storeSettings(timeZone: string) {
  const seed = loadSeedData();
  const gazetteer = new Gazetteer(seed.places);
  return {
    places: { placePath: (id: string) => gazetteer.pathOf(id), placePoint: (id: string) => gazetteer.get(id) },
    placePath: (id: string) => gazetteer.pathOf(id),
    placePoint: (id: string) => gazetteer.get(id),
    timeZone,
    gazetteerVersion: seed.gazetteerVersion,
  };
}

const isPostgresUrl = (url: string) => /^postgres(ql)?:\/\//i.test(url);

export async function runStoreCli(argv: string[], settings: StoreCliSettings): Promise<number> {
  const { io } = settings;
  const [command, ...rest] = argv;
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: rest,
      options: { from: { type: 'string' }, to: { type: 'string' } },
      strict: true,
    }).values;
  } catch (err) {
    io.err(`${command}: ${(err as Error).message}`);
    return 2;
  }
  try {
    if (command === 'migrate-store') {
      const from = values.from;
      const to = typeof values.to === 'string' ? values.to : settings.databaseUrl;
      if (typeof from !== 'string' || !existsSync(from)) {
        io.err(
          `migrate-store: --from must name an existing SQLite file${typeof from === 'string' ? `, not "${from}"` : ''}`,
        );
        return 2;
      }
      if (!to || !isPostgresUrl(to)) {
        io.err('migrate-store: --to must be a postgres:// URL (or set SITREP_DATABASE_URL)');
        return 2;
      }
      const pool = connectPostgres(to, { max: 2, applicationName: 'sitrep migrate-store' });
      try {
        await migratePostgres(pool);
        const report = await copyFromSqlite(from, pool, storeSettings(settings.timeZone), (line) => io.out(line));
        io.out(`${report.resumed ? 'resumed and ' : ''}copied ${report.events} events into Postgres`);
        return 0;
      } finally {
        await pool.end();
      }
    }
    let events: number;
    if (settings.databaseUrl === undefined) {
      const stores = openSqliteStores({
        path: settings.dbPath,
        ...storeSettings(settings.timeZone),
        rebuildDerived: true,
      });
      try {
        events = await stores.events.countEvents({ includeRetracted: true });
      } finally {
        await stores.close();
      }
    } else if (isPostgresUrl(settings.databaseUrl)) {
      events = await rebuildPostgresDerived({ url: settings.databaseUrl, ...storeSettings(settings.timeZone) });
    } else {
      io.err(
        'rebuild-derived: SITREP_DATABASE_URL must start with postgres:// (or unset it to rebuild SITREP_DB_PATH)',
      );
      return 2;
    }
    io.out(`rebuilt the derived rows of ${events} events for time zone ${settings.timeZone} and this gazetteer`);
    return 0;
  } catch (err) {
    io.err(`${command}: ${(err as Error).message}`);
    return 2;
  }
}
