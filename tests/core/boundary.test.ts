/**
 * The core stays pure: no platform SDK, no SQL driver, no scheduler, no environment, no clock.
 * Reads every file under src/core and fails naming the file and what it reaches for.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const coreDir = new URL('../../src/core/', import.meta.url).pathname;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

const FORBIDDEN: Array<[RegExp, string]> = [
  [/from ['"](discord\.js|@discordjs\/[^'"]+|@slack\/[^'"]+)['"]/, 'a chat platform package'],
  [/from ['"](better-sqlite3|pg|mysql2?|sqlite3)['"]/, 'an SQL driver'],
  [/from ['"](node-cron|pino)['"]/, 'the scheduler or the logger'],
  [/from ['"](\.\.\/)+(store|bots|commands|scheduler|data|import|export|intake)\//, 'code outside the core'],
  [/from ['"](\.\.\/)+(config|app|log|main|paths|platforms)(\.ts)?['"]/, 'the composition root, settings or logger'],
  [/process\.env/, 'the environment'],
  [/Date\.now\(\)/, 'the clock'],
  [/new Date\(\)/, 'the clock'],
  [/DateTime\.(now|local)\(\)/, 'the clock'],
];

describe('src/core boundary', () => {
  const files = filesUnder(coreDir);

  it('has files to check', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it.each(files.map((f) => [f.slice(coreDir.length), f]))('%s reaches for nothing outside the core', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    const found = FORBIDDEN.filter(([pattern]) => pattern.test(text)).map(([, what]) => what);
    expect(found).toEqual([]);
  });

  it('the check itself catches a forbidden import', () => {
    const sample = "import { Client } from 'discord.js';\nconst t = process.env.X; const n = Date.now();";
    const found = FORBIDDEN.filter(([pattern]) => pattern.test(sample)).map(([, what]) => what);
    expect(found).toEqual(['a chat platform package', 'the environment', 'the clock']);
    const reach = "import { loadConfig } from '../config.ts';\nimport { x } from '../data/load.ts';";
    expect(FORBIDDEN.filter(([pattern]) => pattern.test(reach)).map(([, what]) => what)).toEqual([
      'code outside the core',
      'the composition root, settings or logger',
    ]);
  });
});
