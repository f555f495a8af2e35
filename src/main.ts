/**
 * The composition root. `sitrep start [--role ...]` (npm start): settings → store → the parts
 * the roles name (roles.ts, bot.ts, platforms.ts), in a process a supervisor restarts if it
 * crashes (supervisor.ts), with one shutdown path on SIGINT/SIGTERM; with no platform token (and
 * no role asked for) it opens the local console. `sitrep backup <file>`: a copy of the store.
 * `sitrep <command>`: one query, printed (see bots/console/cli.ts).
 */
import { openApp } from './app.ts';
import { runCli, usage } from './bots/console/cli.ts';
import { runConsole } from './bots/console/repl.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { createLogger, type Logger } from './log.ts';
import { lowerPriority } from './process-priority.ts';
import { parseRoles, type Role, type RoleChoice, RoleError, rolesFor } from './roles.ts';
import { ensureDatabaseDirectory, openIntakeStore, StoreOpenError } from './store/index.ts';

function openFor(config: Config) {
  if (config.SITREP_DATABASE_URL === undefined) ensureDatabaseDirectory(config.SITREP_DB_PATH);
  return openApp({
    dbPath: config.SITREP_DB_PATH,
    databaseUrl: config.SITREP_DATABASE_URL,
    settings: {
      timeZone: config.SITREP_TIME_ZONE,
      staleAfterDays: config.SITREP_STALE_AFTER_DAYS,
      reporters: { discordRoleIds: config.DISCORD_REPORTER_ROLE_IDS, slackIds: config.SLACK_REPORTER_IDS },
    },
  });
}

/**
 * The store for the read commands, with the intake sources read beside it so answers can say
 * how fresh they are (read-only: a missing intake store, or one that cannot be read, is left out).
 */
async function openForReading(config: Config) {
  const app = await openFor(config);
  const intake = await openIntakeStore(
    { path: config.SITREP_DB_PATH, databaseUrl: config.SITREP_DATABASE_URL },
    { readOnly: true },
  ).catch(() => undefined);
  app.services.intake = intake;
  return {
    ...app,
    close: async () => {
      await intake?.close();
      await app.close();
    },
  };
}

/** The bot process itself, not its supervisor (the supervisor starts it with this flag). */
const NO_SUPERVISOR = '--no-supervisor';
/** One Discord shard process, started by the shard manager (bots/discord/shards.ts). */
const DISCORD_SHARD = '--discord-shard';

async function start(config: Config, log: Logger, argv: string[]): Promise<number> {
  let choice: RoleChoice;
  let roles: Set<Role>;
  try {
    choice = parseRoles(argv);
    roles = rolesFor(choice, config);
  } catch (err) {
    if (!(err instanceof RoleError)) throw err;
    process.stderr.write(`sitrep start: ${err.message}\n`);
    return 2;
  }
  // Opened here first in either process: a store that cannot serve the bot stops it at once (exit 2).
  const app = await openFor(config);
  if (app.readOnly) {
    await app.close();
    throw new StoreOpenError(
      `cannot start: the bot writes to the database at "${config.SITREP_DB_PATH}", which this user may only read; run it as the user who owns the file`,
    );
  }
  if (choice.all && !config.discordEnabled && !config.slackEnabled) {
    // The console serves /sources and /leads too, where intake is kept (the SQLite store).
    if (config.SITREP_DATABASE_URL === undefined) {
      const { openSqliteIntakeStore } = await import('./store/sqlite-intake.ts');
      app.services.intake = openSqliteIntakeStore(config.SITREP_DB_PATH);
    }
    await runConsole({ services: app.services, now: () => new Date(), log }, process.stdin, process.stdout);
    await app.services.intake?.close();
    await app.close();
    return 0;
  }
  const script = process.argv[1];
  if (!argv.includes(NO_SUPERVISOR) && script) {
    // The bot opens its own: this process only watches it.
    await app.close();
    const { superviseBot } = await import('./supervisor.ts');
    const args = ['start', ...argv.slice(argv[0] === 'start' ? 1 : 0), NO_SUPERVISOR];
    // The bot is gone: nothing left here is worth waiting for (its IPC socket closes on its own time).
    process.exit(await superviseBot({ log, script, args }));
  }
  const isShard = argv.includes(DISCORD_SHARD);
  // A process that only polls is background work: answers elsewhere on the machine come first.
  if (!isShard && roles.size === 1 && roles.has('intake')) lowerPriority();
  const { runBot } = await import('./bot.ts');
  await runBot(config, log, app, {
    roles: isShard ? new Set(['discord']) : roles,
    all: choice.all,
    isShard,
    shardProcess:
      script && !isShard
        ? {
            script,
            args: ['start', '--role', 'discord', NO_SUPERVISOR, DISCORD_SHARD],
            execArgv: process.execArgv,
          }
        : undefined,
  });
  return 0;
}

async function main(argv: string[]): Promise<number> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return 2;
    }
    throw err;
  }
  const log = createLogger(config.LOG_LEVEL);
  const [command] = argv;
  const io = { out: (t: string) => process.stdout.write(`${t}\n`), err: (t: string) => process.stderr.write(`${t}\n`) };
  if (command === 'migrate-store' || command === 'rebuild-derived') {
    const { runStoreCli } = await import('./bots/console/store-cli.ts');
    return runStoreCli(argv, {
      databaseUrl: config.SITREP_DATABASE_URL,
      dbPath: config.SITREP_DB_PATH,
      timeZone: config.SITREP_TIME_ZONE,
      io,
    });
  }
  if (command === undefined || command === 'start') return start(config, log, argv);
  if (command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(`${usage()}\n`);
    return 0;
  }
  if (command === 'sources' || command === 'leads') {
    const { runIntakeCli } = await import('./bots/console/intake-cli.ts');
    return runIntakeCli(argv, {
      config,
      openServices: () => openFor(config),
      now: () => new Date(),
      io,
      log,
      asBackground: () => void lowerPriority(),
    });
  }
  if (command === 'backup') {
    const { runBackupCli } = await import('./bots/console/backup-cli.ts');
    return runBackupCli(argv, { dbPath: config.SITREP_DB_PATH, databaseUrl: config.SITREP_DATABASE_URL, io });
  }
  if (command === 'import' || command === 'export') {
    const { runDataCli } = await import('./bots/console/data-cli.ts');
    return runDataCli(argv, { openServices: () => openFor(config), now: () => new Date(), io });
  }
  const { writeMapExtras } = await import('./bots/console/extras.ts');
  return runCli(argv, {
    openServices: () => openForReading(config),
    now: () => new Date(),
    log,
    io,
    writeExtras: writeMapExtras,
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof StoreOpenError) {
      process.stderr.write(`sitrep: ${err.message}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`sitrep: ${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 1;
  },
);
