/** `npm run discord:register`: the script's entry point, against the Discord stand-in. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCommandJson } from '../../../src/bots/discord/command-json.ts';
import { runRegister } from '../../../src/bots/discord/register.ts';
import { commands } from '../../../src/commands/commands.ts';
import { type DiscordStandIn, startDiscordStandIn } from '../../support/discord-stand-in.ts';

let standIn: DiscordStandIn;

beforeAll(async () => {
  standIn = await startDiscordStandIn();
});
afterAll(async () => {
  await standIn?.stop();
});

async function register(argv: string[], extra: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const env = {
    DISCORD_TOKEN: standIn.token,
    DISCORD_APPLICATION_ID: standIn.applicationId,
    DISCORD_GUILD_ID: standIn.guildId,
    DISCORD_API_URL: standIn.restUrl,
    ...extra,
  };
  const code = await runRegister(argv, { out: (t) => out.push(t), err: (t) => err.push(t) }, env);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const expected = () => JSON.parse(JSON.stringify(toCommandJson(commands)));

describe('discord:register', () => {
  it('registers in the guild by default and everywhere with --global, sending the checked JSON', async () => {
    const guild = await register([]);
    expect(guild).toMatchObject({ code: 0 });
    expect(guild.out).toContain(`for guild ${standIn.guildId}`);
    const global = await register(['--global']);
    expect(global.out).toContain('all guilds (global)');
    const puts = standIn.requests.filter((r) => r.method === 'PUT');
    expect(puts.map((r) => r.path)).toEqual([
      `/applications/${standIn.applicationId}/guilds/${standIn.guildId}/commands`,
      `/applications/${standIn.applicationId}/commands`,
    ]);
    expect(puts[1]?.json).toEqual(expected());
    const creole = await register(['--language', 'ht']);
    expect(creole.out).toMatch(/^\d+ kòmand anrejistre .* pou sèvè /);
  });

  it('--dry-run prints the JSON and sends nothing', async () => {
    const before = standIn.requests.length;
    const dry = await register(['--dry-run']);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.out)).toEqual(expected());
    expect(standIn.requests.length).toBe(before);
  });

  it('says what to set or what is wrong, and sends nothing', async () => {
    const before = standIn.requests.length;
    expect(await register([], { DISCORD_GUILD_ID: '' })).toMatchObject({
      code: 1,
      err: expect.stringContaining('Set DISCORD_GUILD_ID'),
    });
    expect(await register([], { DISCORD_TOKEN: '' })).toMatchObject({
      code: 1,
      err: expect.stringContaining('Set DISCORD_TOKEN'),
    });
    expect(await register(['--globall'])).toMatchObject({
      code: 2,
      err: expect.stringContaining('Unknown argument --globall'),
    });
    expect(await register(['--globall', '--language', 'fr'])).toMatchObject({
      code: 2,
      err: expect.stringContaining('Argument inconnu --globall'),
    });
    expect(await register(['--language', 'de'])).toMatchObject({
      code: 2,
      err: expect.stringContaining('--language de'),
    });
    expect(standIn.requests.length).toBe(before);
  });
});
