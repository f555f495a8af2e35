/** Which parts `sitrep start --role ...` runs, from the command line and the settings. */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { parseRoles, RoleError, rolesFor } from '../../src/roles.ts';

const discordOnly = loadConfig({ DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: '1' });

describe('parseRoles', () => {
  it('is all by default, and all is every role', () => {
    expect(parseRoles(['start'])).toEqual({ roles: new Set(['discord', 'slack', 'scheduler', 'intake']), all: true });
    expect(parseRoles(['start', '--role', 'all']).all).toBe(true);
  });

  it('takes one role, a comma list, and --role=', () => {
    expect(parseRoles(['start', '--role', 'slack'])).toEqual({ roles: new Set(['slack']), all: false });
    expect([...parseRoles(['start', '--role=Scheduler, intake']).roles]).toEqual(['scheduler', 'intake']);
  });

  it('refuses an unknown role or a missing value in one line', () => {
    expect(() => parseRoles(['start', '--role', 'bridge'])).toThrow(RoleError);
    expect(() => parseRoles(['start', '--role', 'bridge'])).toThrow(/^unknown role "bridge" in --role bridge: use /);
    expect(() => parseRoles(['start', '--role'])).toThrow(/--role needs a value/);
    expect(() => parseRoles(['start', '--role', '--no-supervisor'])).toThrow(/--role needs a value/);
    expect(() => parseRoles(['start', '--role', ''])).toThrow(/unknown role ""/);
  });
});

describe('rolesFor', () => {
  it('keeps what all can run with these settings', () => {
    expect([...rolesFor(parseRoles([]), discordOnly)]).toEqual(['discord', 'scheduler', 'intake']);
  });

  it('refuses a role asked for whose platform has no token', () => {
    expect(() => rolesFor(parseRoles(['--role', 'slack']), discordOnly)).toThrow(
      '--role slack needs SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET to be set.',
    );
    expect(() => rolesFor(parseRoles(['--role', 'scheduler']), loadConfig({}))).toThrow(/needs a platform token/);
    expect([...rolesFor(parseRoles(['--role', 'intake']), loadConfig({}))]).toEqual(['intake']);
    const postgres = loadConfig({ SITREP_DATABASE_URL: 'postgres://127.0.0.1/sitrep' });
    // Sources and leads are kept in either store.
    expect([...rolesFor(parseRoles(['--role', 'intake']), postgres)]).toEqual(['intake']);
  });
});
