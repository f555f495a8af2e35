/**
 * Settings from any environment: loadConfig returns settings or a ConfigError that names the
 * setting, and never repeats a token or secret it was given.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { fuzzed, RUNS } from './fuzz-support.ts';

const KEYS = [
  'SITREP_DB_PATH',
  'SITREP_TIME_ZONE',
  'LOG_LEVEL',
  'DISCORD_TOKEN',
  'DISCORD_APPLICATION_ID',
  'DISCORD_GUILD_ID',
  'DISCORD_API_URL',
  'DISCORD_MESSAGE_CONTENT',
  'DISCORD_REPORTER_ROLE_IDS',
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'SLACK_PORT',
  'SLACK_API_URL',
  'SLACK_DIGEST_MANAGER_IDS',
  'SLACK_REPORTER_IDS',
  'DIGEST_SKIP_QUIET_DAYS',
  'DIGEST_CATCHUP_HOURS',
];

const value = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom(
    '',
    ' ',
    'true',
    'false',
    'yes',
    '0',
    '65536',
    '3000',
    '-1',
    '169',
    'debug',
    'Europe/Paris',
    'Mars/Base',
  ),
  fc.constantFrom('http://127.0.0.1:9999/api', 'not a url', 'a,b,,c', ' , '),
);
/** Secrets long and distinctive enough that finding one in a message is no coincidence. */
const secret = fc.string({ minLength: 12, maxLength: 30 }).map((s) => `S3cr3t-${s}`);

describe('fuzz: settings', () => {
  it('any environment gives settings or a ConfigError naming the setting, never a secret', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...KEYS), value, { maxKeys: 10 }),
        fc.record({
          DISCORD_TOKEN: fc.option(secret),
          SLACK_BOT_TOKEN: fc.option(secret),
          SLACK_SIGNING_SECRET: fc.option(secret),
        }),
        fc.dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 }), { maxKeys: 3 }),
        (env, secrets, unrelated) => {
          const given: Record<string, string | undefined> = { ...unrelated, ...env };
          for (const [k, v] of Object.entries(secrets)) if (v !== null) given[k] = v;
          try {
            const config = loadConfig(given);
            expect(config.slackEnabled).toBe(config.SLACK_BOT_TOKEN !== undefined);
            expect(config.discordEnabled).toBe(config.DISCORD_TOKEN !== undefined);
          } catch (err) {
            expect(err).toBeInstanceOf(ConfigError);
            const message = (err as Error).message;
            expect(KEYS.some((k) => message.includes(k))).toBe(true);
            for (const v of Object.values(secrets)) if (v !== null) expect(message).not.toContain(v);
          }
        },
      ),
      fuzzed(RUNS * 5),
    );
  });
});
