/**
 * Malformed gateway dispatches to the real Discord adapter through the stand-in: interactions of
 * every type (commands, autocomplete, buttons, selects, modals, a type nobody knows) and other
 * events, each broken a little (fields gone, of another type, huge) or sent under a name Discord
 * never used. After each batch a valid /status must still be answered, and after the last one.
 */
import { GatewayOpcodes } from 'discord-api-types/v10';
import fc from 'fast-check';
import { createDiscordAdapter } from '../../src/bots/discord/adapter.ts';
import { loadConfig } from '../../src/config.ts';
import { startDiscordStandIn } from './discord-stand-in.ts';
import {
  commandNames,
  countingLogger,
  type Mutation,
  mutate,
  mutations,
  sampleCases,
  sampleTexts,
} from './fuzz-payloads.ts';
import { createTestServices, TEST_NOW } from './services.ts';

// biome-ignore lint/suspicious/noExplicitAny: JSON as Discord sends it
type Json = any;

export interface FuzzRun {
  platform: 'discord' | 'slack';
  seed: number;
  cases: number;
  ms: number;
  /** Valid commands sent between batches and at the end: each must be answered. */
  checks: number;
  /** The longest a valid command waited for its answer. */
  slowestCheckMs: number;
  /** Log lines at warn or above, by message: what the adapter noticed and survived. */
  logged: Record<string, number>;
  /** Gateway sessions resumed (Discord only): a busy bot may miss a heartbeat. */
  resumes?: number;
}

const KINDS = ['command', 'autocomplete', 'button', 'select', 'modal', 'ping', 'unknown-interaction', 'event'] as const;
const EVENTS = [
  'MESSAGE_CREATE',
  'MESSAGE_UPDATE',
  'MESSAGE_DELETE',
  'CHANNEL_UPDATE',
  'TYPING_START',
  'GUILD_MEMBER_UPDATE',
  'SITREP_NEVER_HEARD_OF',
] as const;

const discordCase = fc.record({
  kind: fc.constantFrom(...KINDS),
  command: fc.constantFrom(...commandNames, 'nosuchcommand'),
  text: fc.constantFrom(...sampleTexts),
  event: fc.constantFrom(...EVENTS),
  mutations,
});

type DiscordCase = {
  kind: (typeof KINDS)[number];
  event: string;
  command: string;
  text: string;
  mutations: Mutation[];
};

/** A 1×1 PNG: maps are not what is fuzzed here, and drawing thousands would be the whole run. */
const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

export async function fuzzDiscord(options: { seed: number; cases: number; batch?: number }): Promise<FuzzRun> {
  const standIn = await startDiscordStandIn();
  const logged: Record<string, number> = {};
  const logger = countingLogger(logged);
  const config = loadConfig({
    DISCORD_TOKEN: 'stand-in-token',
    DISCORD_APPLICATION_ID: standIn.applicationId,
    DISCORD_API_URL: standIn.restUrl,
    DISCORD_MESSAGE_CONTENT: 'true',
  });
  const adapter = createDiscordAdapter(config, {
    services: await createTestServices(),
    logger,
    now: () => TEST_NOW,
    renderMap: async () => TINY_PNG,
  });
  const run: FuzzRun = {
    platform: 'discord',
    seed: options.seed,
    cases: 0,
    ms: 0,
    checks: 0,
    slowestCheckMs: 0,
    logged,
  };
  const started = performance.now();
  try {
    await adapter.start();
    const batch = options.batch ?? 100;
    const cases = sampleCases(discordCase, options.seed, options.cases) as DiscordCase[];
    for (let i = 0; i < cases.length; i += batch) {
      for (const c of cases.slice(i, i + batch)) {
        const { t, d } = dispatchOf(standIn, c);
        standIn.dispatch(t as never, mutate(d, c.mutations));
        run.cases += 1;
      }
      await check(standIn, run, i);
    }
    await check(standIn, run, cases.length);
  } finally {
    run.ms = performance.now() - started;
    run.resumes = standIn.ops(GatewayOpcodes.Resume).length;
    await adapter.stop();
    await standIn.stop();
  }
  return run;
}

/** A valid /status is answered (within a generous bound: the batch before it may be queued). */
async function check(standIn: Awaited<ReturnType<typeof startDiscordStandIn>>, run: FuzzRun, after: number) {
  const started = performance.now();
  const { id, token } = standIn.command('status');
  try {
    const callback = await standIn.waitFor(
      (r) => r.method === 'POST' && r.path === `/interactions/${id}/${token}/callback`,
      60_000,
    );
    if (!JSON.stringify(callback.body).includes('at least 800')) throw new Error('the answer is not the status');
  } catch (err) {
    throw new Error(
      `Discord: /status not answered after ${after} cases (seed ${run.seed}): ${(err as Error).message}; ` +
        `logged ${JSON.stringify(run.logged)}; gateway ops ${JSON.stringify(
          standIn.gatewayLog
            .map((p) => p.op)
            .filter((op) => op !== 1)
            .slice(-20),
        )}`,
    );
  }
  run.checks += 1;
  run.slowestCheckMs = Math.max(run.slowestCheckMs, performance.now() - started);
}

function dispatchOf(standIn: Awaited<ReturnType<typeof startDiscordStandIn>>, c: DiscordCase): { t: string; d: Json } {
  const message = standIn.makeMessage(standIn.channelId, standIn.bot, {
    embeds: [{ title: 'Timeline', footer: { text: 'ref sitrep:0' } }],
    interaction_metadata: {
      id: standIn.applicationId,
      type: 2,
      user: standIn.user,
      authorizing_integration_owners: { '0': standIn.guildId },
    },
  } as Json);
  const option = { name: 'location', type: 3, value: c.text, focused: true };
  switch (c.kind) {
    case 'command':
      return {
        t: 'INTERACTION_CREATE',
        d: standIn.interactionPayload(2, { id: '1', name: c.command, type: 1, options: [option] }),
      };
    case 'autocomplete':
      return {
        t: 'INTERACTION_CREATE',
        d: standIn.interactionPayload(4, { id: '1', name: c.command, type: 1, options: [option] }),
      };
    case 'button':
      return {
        t: 'INTERACTION_CREATE',
        d: standIn.interactionPayload(3, { custom_id: `pg1|${c.command}|x|q=${c.text}`, component_type: 2 }, message),
      };
    case 'select':
      return {
        t: 'INTERACTION_CREATE',
        d: standIn.interactionPayload(3, { custom_id: 'sitrep-select', component_type: 3, values: [c.text] }, message),
      };
    case 'modal':
      return {
        t: 'INTERACTION_CREATE',
        d: standIn.interactionPayload(5, {
          custom_id: `fm1|${c.command}|`,
          components: [{ type: 18, id: 1, component: { type: 4, id: 2, custom_id: 'summary', value: c.text } }],
        }),
      };
    case 'ping':
      return { t: 'INTERACTION_CREATE', d: standIn.interactionPayload(1, undefined) };
    case 'unknown-interaction':
      return { t: 'INTERACTION_CREATE', d: standIn.interactionPayload(99 as never, { custom_id: c.text }) };
    default: {
      const mention = standIn.makeMessage(standIn.channelId, standIn.user, {
        content: `<@${standIn.bot.id}> ${c.text}`,
        mentions: [standIn.bot],
      });
      return { t: c.event, d: { ...mention, guild_id: standIn.guildId, channel_type: 0 } };
    }
  }
}
