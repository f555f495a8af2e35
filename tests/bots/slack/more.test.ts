/**
 * The More button through the real Bolt and the Slack stand-in: the first More on an answer comes
 * privately (ephemeral, the channel's message left alone), the next ones replace that private
 * message; it pages through the whole answer within one screen each, and still works after a
 * restart (a new adapter on the same store), a saved query included.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../../src/bots/slack/adapter.ts';
import { decodeMoreValue, MORE_ACTION_ID } from '../../../src/bots/slack/more-value.ts';
import { escapeMrkdwn } from '../../../src/bots/slack/mrkdwn.ts';
import { blockChars } from '../../../src/bots/slack/render.ts';
import { commands as registry } from '../../../src/commands/commands.ts';
import { dispatch } from '../../../src/commands/dispatch.ts';
import { savedQueryId, savedQueryText } from '../../../src/core/saved-query-port.ts';
import type { Services } from '../../../src/core/services.ts';
import { commandAt } from '../../../src/executor/index.ts';
import { silentLogger } from '../../../src/log.ts';
import { createTestServices, TEST_NOW } from '../../support/services.ts';
import { slackTestConfig } from '../../support/slack-config.ts';
import { messageText, slackLimitViolations } from '../../support/slack-limits.ts';
import { SlackSender } from '../../support/slack-requests.ts';
import { SlackStandIn, waitFor } from '../../support/slack-stand-in.ts';

const SECRET = 'more-secret';

// biome-ignore lint/suspicious/noExplicitAny: Slack message JSON
type Message = any;

let standIn: SlackStandIn;
let services: Services;
let adapter: SlackAdapter;

function startAdapter(): Promise<SlackAdapter> {
  const a = createSlackAdapter(
    slackTestConfig({ apiUrl: standIn.apiUrl, signingSecret: SECRET, botToken: 'xoxb-more' }),
    { services, logger: silentLogger(), now: () => TEST_NOW, listen: { host: '127.0.0.1', port: 0 } },
  );
  return a.start().then(() => a);
}

beforeAll(async () => {
  standIn = await new SlackStandIn().start();
  services = await createTestServices();
  adapter = await startAdapter();
});

afterAll(async () => {
  await adapter?.stop();
  await standIn?.close();
});

const sender = () => new SlackSender(`http://127.0.0.1:${adapter.port()}/slack/events`, SECRET);

async function responses(id: string): Promise<Message[]> {
  return waitFor(() => (standIn.responses.get(id)?.length ? standIn.responses.get(id) : undefined));
}

const moreButton = (message: Message) =>
  message.blocks
    .filter((b: Message) => b.type === 'actions')
    .flatMap((b: Message) => b.elements)
    .find((e: Message) => e.action_id === MORE_ACTION_ID);

async function slash(command: string, text: string): Promise<Message> {
  const r = standIn.responseUrl();
  await sender().slashCommand(command, text, { response_url: r.url });
  return (await responses(r.id))[0];
}

/** Every More screen after `first`: the first click privately, the others in its place. */
async function walkMore(first: Message, restartAfter?: number): Promise<Message[]> {
  const screens: Message[] = [];
  let shown = first;
  for (let i = 0; i < 30; i++) {
    const b = moreButton(shown);
    if (!b) break;
    if (i === restartAfter) {
      await adapter.stop();
      adapter = await startAdapter();
    }
    const r = standIn.responseUrl();
    const res = await sender().blockAction(
      { type: 'button', action_id: b.action_id, block_id: 'sitrep_pages', value: b.value, text: b.text },
      r.url,
      { ephemeral: i > 0 },
    );
    expect(res.status).toBe(200);
    const [screen] = await responses(r.id);
    expect(screen.response_type).toBe('ephemeral');
    // The channel's answer is left alone; the private message moves on in place.
    expect(screen.replace_original).toBe(i > 0);
    expect(slackLimitViolations(screen)).toEqual([]);
    expect(screen.blocks.length).toBeLessThanOrEqual(12);
    expect(blockChars(screen.blocks)).toBeLessThanOrEqual(2000);
    screens.push(screen);
    shown = screen;
  }
  return screens;
}

describe('the More button on Slack', () => {
  it('pages privately through the whole /status, each screen numbered, the last without More', async () => {
    const first = await slash('/status', '');
    expect(decodeMoreValue(moreButton(first)?.value ?? '')).toEqual({
      query: { command: 'status', args: {}, cursor: undefined },
      part: 2,
    });
    const screens = await walkMore(first);
    expect(screens.length).toBeGreaterThanOrEqual(2);
    const texts = screens.map(messageText);
    expect(texts.map((t) => t.match(/More, (\d+) of (\d+)/)?.slice(1))).toEqual(
      texts.map((_, i) => [String(i + 2), String(screens.length + 1)]),
    );
    expect(moreButton(screens.at(-1))).toBeUndefined();
    // Every event of the full answer is on exactly one More screen, in order.
    const all = texts.join('\n');
    const command = commandAt(registry, 'status');
    const caller = { platform: 'slack' as const, userId: 'u' };
    if (!command) throw new Error('no /status');
    const full = (await dispatch(command, {}, { services, now: TEST_NOW, caller }, silentLogger())).view;
    const heads = full.sections.flatMap((s) => s.items ?? []).map((i) => escapeMrkdwn(i.title.slice(0, 40)));
    expect(heads.length).toBeGreaterThan(2);
    for (const h of new Set(heads)) expect(all.split(h).length - 1).toBe(heads.filter((x) => x === h).length);
    const at = heads.map((h) => all.indexOf(h));
    expect(at).toEqual([...at].sort((x, y) => x - y));
  });

  it('answers the same after a restart: a new adapter on the same store', async () => {
    const first = await slash('/status', 'language:fr');
    const before = (await walkMore(first)).map(messageText);
    const after = (await walkMore(first, 1)).map(messageText);
    expect(after).toEqual(before);
    expect(before[0]).toMatch(/Plus, 2 sur \d+/);
  });

  it('answers a More button whose query is saved in the store, after a restart too', async () => {
    const query = { command: 'status', args: { language: 'ht' } };
    const id = await services.savedQueries?.save(savedQueryText(query));
    expect(id).toBe(savedQueryId(savedQueryText(query)));
    await adapter.stop();
    adapter = await startAdapter();
    const r = standIn.responseUrl();
    const value = JSON.stringify({ v: 1, q: id, p: 2 });
    await sender().blockAction({ type: 'button', action_id: MORE_ACTION_ID, block_id: 'sitrep_pages', value }, r.url);
    const [screen] = await responses(r.id);
    expect(screen.response_type).toBe('ephemeral');
    expect(messageText(screen)).toMatch(/Plis, 2 sou \d+/);
    expect(moreButton(screen)?.value).toBe(JSON.stringify({ v: 1, c: 'status', a: { language: 'ht' }, p: 3 }));
  });
});
