/**
 * A gateway event discord.js cannot read must not end the bot: the reported one (a component
 * interaction whose message's `interaction_metadata` lacks `authorizing_integration_owners`)
 * threw a TypeError inside discord.js, out of reach of every handler of ours. It is logged once,
 * the user gets a short private answer, and the next command is answered as usual.
 */
import { ComponentType, GatewayDispatchEvents, InteractionResponseType, MessageFlags } from 'discord-api-types/v10';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordAdapter, type DiscordAdapter } from '../../../src/bots/discord/adapter.ts';
import { loadConfig } from '../../../src/config.ts';
import { type DiscordStandIn, type RecordedRequest, startDiscordStandIn } from '../../support/discord-stand-in.ts';
import { createTestServices, TEST_NOW } from '../../support/services.ts';

// biome-ignore lint/suspicious/noExplicitAny: pino's JSON lines
type LogLine = any;

let standIn: DiscordStandIn;
let adapter: DiscordAdapter;
const logged: LogLine[] = [];

const callbackOf = (id: string, token: string) => (r: RecordedRequest) =>
  r.method === 'POST' && r.path === `/interactions/${id}/${token}/callback`;
const unreadable = () => logged.filter((l) => l.msg === 'discord: a gateway event could not be read; skipped');

async function statusAnswers(): Promise<void> {
  const { id, token } = standIn.command('status');
  const callback = await standIn.waitFor(callbackOf(id, token));
  expect(callback.body.type).toBe(InteractionResponseType.ChannelMessageWithSource);
  expect(JSON.stringify(callback.body.data)).toContain('at least 800');
}

beforeAll(async () => {
  standIn = await startDiscordStandIn();
  const config = loadConfig({
    DISCORD_TOKEN: 'stand-in-token',
    DISCORD_APPLICATION_ID: standIn.applicationId,
    DISCORD_API_URL: standIn.restUrl,
  });
  const logger = pino({ level: 'warn' }, { write: (line: string) => void logged.push(JSON.parse(line)) });
  adapter = createDiscordAdapter(config, { services: await createTestServices(), logger, now: () => TEST_NOW });
  await adapter.start();
});

afterAll(async () => {
  await adapter?.stop();
  await standIn?.stop();
});

describe('Discord adapter with events discord.js cannot read', () => {
  it('survives a button press whose interaction_metadata lacks authorizing_integration_owners', async () => {
    const message = standIn.makeMessage(standIn.channelId, standIn.bot, {
      // As Discord sent it: the metadata of the command that posted the message, one field short.
      interaction_metadata: { id: standIn.applicationId, type: 2, user: standIn.user } as never,
      components: [],
    });
    const { id, token } = standIn.press('pg1|timeline||', message);
    const callback = await standIn.waitFor(callbackOf(id, token));
    expect(callback.body.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(callback.body.data?.flags).toBe(MessageFlags.Ephemeral);
    expect(JSON.stringify(callback.body.data)).toContain('Sorry, something went wrong');

    const lines = unreadable();
    expect(lines).toHaveLength(1);
    expect(lines[0].event).toEqual({ type: 'INTERACTION_CREATE', sequence: expect.any(Number) });
    expect(lines[0].err.message).toMatch(/Cannot read properties of undefined/);

    await statusAnswers();
  });

  it('skips other unreadable dispatches (no data, wrong types) and keeps answering', async () => {
    const before = unreadable().length;
    standIn.dispatch(GatewayDispatchEvents.InteractionCreate, null);
    standIn.dispatch(GatewayDispatchEvents.MessageCreate, { id: 7, channel_id: [], author: 'nobody' });
    standIn.dispatch(GatewayDispatchEvents.InteractionCreate, {
      id: 'not-a-snowflake',
      type: 3,
      data: { custom_id: 42, component_type: ComponentType.Button },
      message: 'not a message',
    });
    await statusAnswers();
    expect(unreadable().length).toBeGreaterThan(before);
    expect(unreadable().every((l) => typeof l.event.type === 'string')).toBe(true);
  });
});
