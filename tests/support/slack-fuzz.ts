/**
 * Malformed Slack requests to the real Bolt app in HTTP mode, each validly signed so it reaches
 * the handlers: slash commands, block actions (page buttons and others), events (mentions, DMs,
 * types nobody handles), modal submissions and payloads of unknown types, each broken a little
 * (fields gone, of another type, huge), and bodies that are not even JSON. Every request must be
 * answered with some status; after each batch, and at the end, a valid /status must be answered.
 */
import fc from 'fast-check';
import { createSlackAdapter } from '../../src/bots/slack/adapter.ts';
import { FORM_CALLBACK_ID } from '../../src/bots/slack/forms.ts';
import { BODY_LIMIT } from '../../src/bots/slack/http-receiver.ts';
import { PAGE_ACTION_ID } from '../../src/bots/slack/page-value.ts';
import type { FuzzRun } from './discord-fuzz.ts';
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
import { slackTestConfig } from './slack-config.ts';
import { SlackSender, TEAM_ID } from './slack-requests.ts';
import { SlackStandIn, waitFor } from './slack-stand-in.ts';

// biome-ignore lint/suspicious/noExplicitAny: JSON as Slack sends it
type Json = any;

const SECRET = 'fuzz-signing-secret';
const CONCURRENCY = 64;
const KINDS = ['command', 'page', 'action', 'mention', 'dm', 'event', 'view', 'unknown', 'not-json'] as const;

const slackCase = fc.record({
  kind: fc.constantFrom(...KINDS),
  command: fc.constantFrom(...commandNames, 'nosuchcommand'),
  text: fc.constantFrom(...sampleTexts),
  mutations,
});

type SlackCase = { kind: (typeof KINDS)[number]; command: string; text: string; mutations: Mutation[] };

/** Only loopback: whatever a case holds, the bot is never sent anywhere else. */
const ELSEWHERE = /\bhttps?:\/\/(?!127\.0\.0\.1[:/])/;

export async function fuzzSlack(options: { seed: number; cases: number; batch?: number }): Promise<FuzzRun> {
  const standIn = await new SlackStandIn().start();
  const logged: Record<string, number> = {};
  const logger = countingLogger(logged);
  const adapter = createSlackAdapter(
    slackTestConfig({ apiUrl: standIn.apiUrl, signingSecret: SECRET, botToken: 'xoxb-fuzz' }),
    { services: await createTestServices(), logger, now: () => TEST_NOW, listen: { host: '127.0.0.1', port: 0 } },
  );
  const run: FuzzRun = { platform: 'slack', seed: options.seed, cases: 0, ms: 0, checks: 0, slowestCheckMs: 0, logged };
  const started = performance.now();
  try {
    await adapter.start();
    const sender = new SlackSender(`http://127.0.0.1:${adapter.port()}/slack/events`, SECRET);
    const batch = options.batch ?? 250;
    const cases = sampleCases(slackCase, options.seed, options.cases) as SlackCase[];
    for (let i = 0; i < cases.length; i += batch) {
      // Many in flight: each must get an HTTP answer, those no listener takes after Bolt's 3 s.
      const slice = cases.slice(i, i + batch);
      let next = 0;
      const worker = async () => {
        while (next < slice.length) await send(sender, standIn, slice[next++] as SlackCase);
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      run.cases += slice.length;
      await check(sender, standIn, run, i);
    }
    await check(sender, standIn, run, cases.length);
  } finally {
    run.ms = performance.now() - started;
    await adapter.stop();
    await standIn.close();
  }
  return run;
}

/**
 * Sends a case; any HTTP answer will do, but a body over the receiver's limit must be refused:
 * with 413, or by the connection closing while it is still being sent.
 */
async function send(sender: SlackSender, standIn: SlackStandIn, c: SlackCase): Promise<void> {
  const { body, contentType } = requestOf(standIn, c);
  if (ELSEWHERE.test(body)) return;
  const tooBig = Buffer.byteLength(body) > BODY_LIMIT;
  let status: number;
  try {
    status = (await sender.send(body, contentType)).status;
  } catch (err) {
    if (tooBig) return;
    throw new Error(`Slack: a ${c.kind} case of ${Buffer.byteLength(body)} bytes got no answer: ${String(err)}`);
  }
  if (tooBig && status !== 413) throw new Error(`Slack: a body over the limit was answered ${status}`);
}

async function check(sender: SlackSender, standIn: SlackStandIn, run: FuzzRun, after: number): Promise<void> {
  const started = performance.now();
  const r = standIn.responseUrl();
  try {
    const res = await sender.slashCommand('/status', '', { response_url: r.url, channel_id: 'C0FUZZ' });
    if (res.status !== 200) throw new Error(`acknowledged with ${res.status}`);
    const [answer] = await waitFor(
      () => (standIn.responses.get(r.id)?.length ? standIn.responses.get(r.id) : undefined),
      60_000,
      '/status',
    );
    if (!JSON.stringify(answer).includes('at least 800')) throw new Error('the answer is not the status');
  } catch (err) {
    throw new Error(
      `Slack: /status not answered after ${after} cases (seed ${run.seed}): ${(err as Error).message}; logged ${JSON.stringify(run.logged)}`,
    );
  }
  run.checks += 1;
  run.slowestCheckMs = Math.max(run.slowestCheckMs, performance.now() - started);
}

function requestOf(standIn: SlackStandIn, c: SlackCase): { body: string; contentType: string } {
  const responseUrl = standIn.responseUrl().url;
  const user = { id: 'U000000001', username: 'analyst', name: 'analyst', team_id: TEAM_ID };
  const team = { id: TEAM_ID, domain: 'fuzz' };
  const form = (fields: Json) => ({
    body: new URLSearchParams(
      Object.entries(fields).map(([k, v]): [string, string] => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
    ).toString(),
    contentType: 'application/x-www-form-urlencoded',
  });
  const payload = (p: Json) => ({
    body: new URLSearchParams({ payload: JSON.stringify(p) }).toString(),
    contentType: 'application/x-www-form-urlencoded',
  });
  const json = (p: Json) => ({ body: JSON.stringify(p), contentType: 'application/json' });
  const event = (e: Json) =>
    mutate(
      {
        token: 'x',
        team_id: TEAM_ID,
        api_app_id: 'A000000001',
        type: 'event_callback',
        event_id: `Ev${Math.random()}`,
        event_time: 1,
        event: e,
      },
      c.mutations,
    );
  const action = (a: Json) =>
    mutate(
      {
        type: 'block_actions',
        user,
        team,
        api_app_id: 'A000000001',
        trigger_id: '1.2.3',
        container: { type: 'message', message_ts: '1.000001', channel_id: 'C0FUZZ' },
        channel: { id: 'C0FUZZ', name: 'fuzz' },
        response_url: responseUrl,
        actions: [{ action_ts: '1.2', block_id: 'b', ...a }],
      },
      c.mutations,
    );
  switch (c.kind) {
    case 'command':
      return form(
        mutate(
          {
            command: `/${c.command}`,
            text: c.text,
            user_id: 'U000000001',
            channel_id: 'C0FUZZ',
            team_id: TEAM_ID,
            response_url: responseUrl,
            trigger_id: '1.2.3',
            api_app_id: 'A000000001',
          },
          c.mutations,
        ),
      );
    case 'page':
      return payload(
        action({ type: 'button', action_id: `${PAGE_ACTION_ID}_next`, value: `${c.command}|x|${c.text}` }),
      );
    case 'action':
      return payload(action({ type: 'static_select', action_id: c.text, selected_option: { value: c.command } }));
    case 'mention':
      return json(
        event({ type: 'app_mention', user: 'U000000001', text: `<@UBOT> ${c.text}`, ts: '1.5', channel: 'C0FUZZ' }),
      );
    case 'dm':
      return json(
        event({ type: 'message', channel_type: 'im', user: 'U000000001', text: c.text, ts: '1.6', channel: 'D0FUZZ' }),
      );
    case 'event':
      return json(event({ type: c.text || 'reaction_added', user: 'U000000001', item: { ts: '1.7' } }));
    case 'view':
      return payload(
        mutate(
          {
            type: 'view_submission',
            team,
            user,
            api_app_id: 'A000000001',
            trigger_id: '4.5.6',
            view: {
              id: 'V1',
              callback_id: FORM_CALLBACK_ID,
              private_metadata: JSON.stringify({ c: c.command, a: { place: c.text }, ch: 'C0FUZZ' }),
              state: { values: { summary: { value: { type: 'plain_text_input', value: c.text } } } },
            },
          },
          c.mutations,
        ),
      );
    case 'unknown':
      return payload(mutate({ type: 'never_heard_of', team, user, text: c.text }, c.mutations));
    default:
      return {
        body: `payload=${encodeURIComponent(`{"type":"block_actions","actions":[${c.text}`)}`,
        contentType: 'application/x-www-form-urlencoded',
      };
  }
}
