/**
 * Commands with a form (/report, /event edit) on Discord: a modal for the text fields, the
 * choice fields as options, the submission stored through the registry, rejections private.
 */
import {
  ApplicationCommandOptionType,
  ComponentType,
  GatewayIntentBits,
  GatewayOpcodes,
  InteractionResponseType,
  MessageFlags,
} from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordAdapter, type DiscordAdapter } from '../../../src/bots/discord/adapter.ts';
import { decodeFormId } from '../../../src/bots/discord/forms.ts';
import { messageProblems } from '../../../src/bots/discord/limits.ts';
import { loadConfig } from '../../../src/config.ts';
import type { Services } from '../../../src/core/services.ts';
import { silentLogger } from '../../../src/log.ts';
import {
  type DiscordStandIn,
  type MessageJson,
  type RecordedRequest,
  startDiscordStandIn,
} from '../../support/discord-stand-in.ts';
import { createTestServices, TEST_NOW } from '../../support/services.ts';

let standIn: DiscordStandIn;
let adapter: DiscordAdapter;
let services: Services;

const callbackOf = (id: string, token: string) => (r: RecordedRequest) =>
  r.method === 'POST' && r.path === `/interactions/${id}/${token}/callback`;
const textOf = (m: MessageJson | undefined) =>
  (m?.embeds ?? [])
    .flatMap((e) => [e.title, e.description, ...(e.fields ?? []).flatMap((f) => [f.name, f.value])])
    .join('\n');
const option = (name: string, value: string) => ({ name, type: ApplicationCommandOptionType.String as const, value });

interface ModalJson {
  custom_id: string;
  title: string;
  components: Array<{
    type: number;
    label: string;
    component: { type: number; custom_id: string; required: boolean; value?: string };
  }>;
}

beforeAll(async () => {
  standIn = await startDiscordStandIn();
  services = await createTestServices();
  const config = loadConfig({
    DISCORD_TOKEN: 'stand-in-token',
    DISCORD_APPLICATION_ID: standIn.applicationId,
    DISCORD_API_URL: standIn.restUrl,
  });
  adapter = createDiscordAdapter(config, { services, logger: silentLogger(), now: () => TEST_NOW });
  await adapter.start();
});

afterAll(async () => {
  await adapter?.stop();
  await standIn?.stop();
});

describe('without the Message Content intent', () => {
  it('identifies with the Guilds intent alone and leaves messages to people', async () => {
    const identify = standIn.ops(GatewayOpcodes.Identify)[0]?.d as { intents: number };
    expect(identify.intents).toBe(GatewayIntentBits.Guilds);
    const from = standIn.requests.length;
    standIn.message('what happened near Pont-Sondé?', { mention: true });
    const { id, token } = standIn.command('status');
    await standIn.waitFor(callbackOf(id, token), undefined, from);
    // Nothing listens for messages, so nothing can answer the mention later either.
    expect(adapter.client.listenerCount('messageCreate')).toBe(0);
    expect(standIn.requests.slice(from).some((r) => r.path.startsWith('/channels/'))).toBe(false);
  });
});

describe('forms on Discord', () => {
  it('/report opens a modal with the text fields, carrying the chosen options in its id', async () => {
    const { id, token } = standIn.command('report', [option('category', 'attack'), option('confidence', 'reported')]);
    const callback = await standIn.waitFor(callbackOf(id, token));
    expect(callback.body.type).toBe(InteractionResponseType.Modal);
    const modal = callback.body.data as unknown as ModalJson;
    expect(modal.title).toBe('Report an event');
    expect(modal.components.map((c) => c.component.custom_id)).toEqual([
      'when',
      'place',
      'casualties',
      'summary',
      'source',
    ]);
    for (const c of modal.components) {
      expect(c.type).toBe(ComponentType.Label);
      expect(c.label.length).toBeLessThanOrEqual(45);
    }
    expect(modal.custom_id.length).toBeLessThanOrEqual(100);
    expect(decodeFormId(modal.custom_id)).toEqual({
      command: 'report',
      args: { category: 'attack', confidence: 'reported' },
    });
  });

  it('asks for a missing choice before opening the modal', async () => {
    const { id, token } = standIn.command('report');
    const callback = await standIn.waitFor(callbackOf(id, token));
    expect(callback.body.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(callback.body.data?.flags).toBe(MessageFlags.Ephemeral);
    expect(textOf(callback.body.data)).toContain('category: one of clash, attack');
  });

  it('stores a submitted report and answers with it', async () => {
    const customId = 'fm1|report|category=attack&confidence=reported';
    const { id, token } = standIn.submitModal(customId, {
      when: '2025-03-28 10:15',
      place: 'Kenscoff',
      casualties: '',
      summary: 'Gunfire reported near a police post',
      source: 'Le Nouvelliste https://lenouvelliste.com/article/1',
    });
    const callback = await standIn.waitFor(callbackOf(id, token));
    expect(callback.body.data?.flags ?? 0).toBe(0);
    expect(textOf(callback.body.data)).toContain('Gunfire reported near a police post');
    const stored = (await services.store.listEvents({ placeId: 'kenscoff' }, { limit: 25 })).events;
    expect(stored.some((e) => e.event.summary === 'Gunfire reported near a police post')).toBe(true);
    expect(messageProblems(callback.body.data ?? {})).toEqual([]);
  });

  it('rejects a bad submission privately, naming each field and showing what was typed', async () => {
    const before = await services.store.countEvents({});
    const { id, token } = standIn.submitModal('fm1|report|category=attack', {
      when: 'yesterday-ish',
      place: 'Atlantis',
      summary: 'Something happened @everyone',
      source: 'Radio',
    });
    const callback = await standIn.waitFor(callbackOf(id, token));
    expect(callback.body.data?.flags).toBe(MessageFlags.Ephemeral);
    const text = textOf(callback.body.data);
    expect(text).toContain('Nothing was recorded');
    expect(text).toContain('when:');
    expect(text).toContain('place:');
    expect(text).toContain('What you typed');
    expect(text).toContain('yesterday-ish');
    expect(await services.store.countEvents({})).toBe(before);
    expect(messageProblems(callback.body.data ?? {})).toEqual([]);
  });

  it('/event edit opens the modal filled with the event as it stands', async () => {
    const { id, token } = standIn.command('event', [
      {
        name: 'edit',
        type: ApplicationCommandOptionType.Subcommand,
        options: [option('id', '2025-03-18-kenyan-officer-shot'), option('reason', 'wording')],
      },
    ]);
    const callback = await standIn.waitFor(callbackOf(id, token));
    expect(callback.body.type).toBe(InteractionResponseType.Modal);
    const modal = callback.body.data as unknown as ModalJson;
    const summary = modal.components.find((c) => c.component.custom_id === 'summary');
    expect(summary?.component.value).toContain('Kenyan MSS officer is shot');
    expect(decodeFormId(modal.custom_id)).toEqual({
      command: 'event edit',
      args: { id: '2025-03-18-kenyan-officer-shot', reason: 'wording' },
    });
  });
});
