/**
 * Visibility on Slack, through the real Bolt app and the stand-in: a slash command is answered
 * privately (Slack's default) with a Share in channel button; Share posts the same answer in the
 * channel saying who shared it, with the map, and deletes the private one, also after a
 * restart; the user's Slack locale (users.info) chooses the language when nothing else does.
 */
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSlackAdapter } from '../../../src/bots/slack/adapter.ts';
import { commands } from '../../../src/commands/commands.ts';
import { TEST_NOW } from '../../support/services.ts';
import { slackTestConfig } from '../../support/slack-config.ts';
import { HARNESS_SECRET, type SlackHarness, startSlackHarness } from '../../support/slack-harness.ts';
import { messageText, slackLimitViolations } from '../../support/slack-limits.ts';
import { SlackSender } from '../../support/slack-requests.ts';
import { EVENTUALLY_MS, waitFor } from '../../support/timing.ts';

// biome-ignore lint/suspicious/noExplicitAny: Slack JSON
type Json = any;

let h: SlackHarness;

beforeAll(async () => {
  h = await startSlackHarness();
});

afterAll(async () => {
  await h?.close();
});

beforeEach(() => {
  h.standIn.shared.length = 0;
  h.logged.length = 0;
});

const buttons = (message: Json): Json[] =>
  (message.blocks ?? []).flatMap((b: Json) => (b.type === 'actions' ? b.elements : []));
const shareButtonOf = (message: Json) => buttons(message).find((e) => e.action_id === 'sitrep_share');

/** Clicks Share on a private answer (from `sender`, the bot that is running); returns what reached its response_url. */
async function clickShare(button: Json, sender: SlackSender = h.sender, user = 'U000000001'): Promise<Json[]> {
  const r = h.standIn.responseUrl();
  const click = { type: 'button', action_id: button.action_id, block_id: 'sitrep_share', value: button.value };
  const res = await sender.blockActionAs(click, r.url, user, '1.000001', undefined, true);
  expect(res.status).toBe(200);
  return waitFor(
    () => {
      const got = h.standIn.responses.get(r.id) ?? [];
      return got.some((m: Json) => m.delete_original || m.response_type === 'ephemeral') ? got : undefined;
    },
    EVENTUALLY_MS,
    'the shared answer',
  );
}

describe('the Slack locale', () => {
  it('a user whose Slack locale is fr-FR is answered in French without asking', async () => {
    h.standIn.userProfiles.set('UFRENCH', { locale: 'fr-FR' });
    const [answer] = await h.answered('/status', '', 'UFRENCH');
    expect(answer.blocks[0].text.text).toBe('MSS Haïti : état de la mission');
    expect(shareButtonOf(answer)?.text.text).toBe('Partager dans le salon');
    const asked = h.standIn.calls.filter((c) => c.method === 'users.info' && c.body.user === 'UFRENCH');
    expect(String(asked[0]?.body.include_locale)).toBe('true');
    // Cached: a second question asks Slack no more.
    await h.answered('/status', '', 'UFRENCH');
    expect(h.standIn.calls.filter((c) => c.method === 'users.info' && c.body.user === 'UFRENCH')).toHaveLength(
      asked.length,
    );
    // The language option still wins over the locale.
    const [english] = await h.answered('/status', 'language:en', 'UFRENCH');
    expect(english.blocks[0].text.text).toBe('MSS Haiti: mission status');
  });

  it('a failing users.info answers in English, logged once', async () => {
    const failure = { method: 'users.info', status: 200, body: { ok: false, error: 'user_not_found' } };
    h.standIn.script.push(failure, { ...failure });
    const [one] = await h.answered('/status', '', 'UFAIL1');
    const [two] = await h.answered('/status', '', 'UFAIL2');
    for (const answer of [one, two]) expect(answer.blocks[0].text.text).toBe('MSS Haiti: mission status');
    expect(h.logged.filter((l) => /users\.info failed/.test(l.msg))).toHaveLength(1);
  });
});

describe('private answers and Share on Slack', () => {
  it('/status is private with Share; Share posts it in the channel, says who shared it, deletes the private one', async () => {
    h.standIn.userProfiles.set('U000000001', { displayName: 'Analyst Jo' });
    const [answer] = await h.answered('/status', '');
    expect(answer.response_type).toBe('ephemeral');
    expect(slackLimitViolations(answer)).toEqual([]);
    const button = shareButtonOf(answer);
    expect(button?.text.text).toBe('Share in channel');
    const posted = await clickShare(button);
    expect(posted.map((m: Json) => m.response_type ?? (m.delete_original ? 'delete' : '?'))).toEqual([
      'in_channel',
      'delete',
    ]);
    const [shared] = posted;
    expect(shared.replace_original).toBe(false);
    expect(messageText(shared)).toContain('Shared by Analyst Jo');
    // The same answer as the private one, without the Share button, with the credit in its footer.
    expect(shared.blocks[0]).toEqual(answer.blocks[0]);
    expect(messageText(shared)).toContain('Deployed (Kenyan police): *at least 800*');
    expect(shareButtonOf(shared)).toBeUndefined();
    expect(slackLimitViolations(shared)).toEqual([]);
  });

  it('visibility:public answers in the channel at once, without Share', async () => {
    const [answer] = await h.answered('/status', 'visibility:public');
    expect(answer.response_type).toBe('in_channel');
    expect(shareButtonOf(answer)).toBeUndefined();
  });

  it('a private /location carries no map, says so, and its Share posts the map into the channel', async () => {
    const [answer] = await h.answered('/location', 'Kenscoff');
    expect(answer.response_type).toBe('ephemeral');
    expect(messageText(answer)).toContain('The map comes with the answer when you share it in the channel.');
    const button = shareButtonOf(answer);
    expect(JSON.parse(button.value)).toEqual({ v: 1, c: 'location', a: { name: 'Kenscoff' } });
    expect(h.standIn.shared).toHaveLength(0);
    const posted = await clickShare(button);
    expect(posted[0].response_type).toBe('in_channel');
    expect(messageText(posted[0])).toContain('Kenscoff: what happened');
    expect(messageText(posted[0])).not.toContain('The map comes with the answer');
    const [file] = await waitFor(
      () => (h.standIn.shared.length ? h.standIn.shared : undefined),
      EVENTUALLY_MS,
      'the map',
    );
    expect(file?.channel).toBe('C000000001');
    expect(file?.bytes.subarray(0, 4).toString('latin1')).toBe('\x89PNG');
  });

  it('a page of a private timeline replaces it privately, and its Share carries the page', async () => {
    const [first] = await h.answered('/timeline', 'limit:1');
    const next = buttons(first).find((e) => e.text.text === 'Next');
    const r = h.standIn.responseUrl();
    await h.sender.blockActionAs(
      { type: 'button', action_id: next.action_id, block_id: 'sitrep_pages', value: next.value },
      r.url,
      'U000000001',
      '1.000001',
      undefined,
      true,
    );
    const [page] = await waitFor(() =>
      h.standIn.responses.get(r.id)?.length ? h.standIn.responses.get(r.id) : undefined,
    );
    expect(page.response_type).toBe('ephemeral');
    expect(page.replace_original).toBe(true);
    const share = JSON.parse(shareButtonOf(page).value);
    expect(share.a.cursor).toEqual(JSON.parse(next.value).k);
    expect(messageText(page)).not.toBe(messageText(first));
    // Shared, it is that second page.
    const posted = await clickShare(shareButtonOf(page));
    const sections = (m: Json) => m.blocks.filter((b: Json) => b.type === 'section');
    expect(sections(posted[0])).toEqual(sections(page));
  });

  // Last: the harness's bot is stopped, and a new one (no memory of the answer) takes the click.
  it('Share still works after a restart: the question lives in the button', async () => {
    const [answer] = await h.answered('/ask', 'what happened near Pont-Sondé?');
    const button = shareButtonOf(answer);
    await h.adapter.stop();
    const restarted = createSlackAdapter(
      slackTestConfig({ apiUrl: h.standIn.apiUrl, signingSecret: HARNESS_SECRET, botToken: 'xoxb-sitrep-test' }),
      {
        services: h.services,
        logger: pino({ level: 'silent' }),
        now: () => TEST_NOW,
        commands,
        listen: { host: '127.0.0.1', port: 0 },
      },
    );
    await restarted.start();
    try {
      const sender = new SlackSender(`http://127.0.0.1:${restarted.port()}/slack/events`, HARNESS_SECRET);
      const posted = await clickShare(button, sender);
      expect(posted[0].response_type).toBe('in_channel');
      expect(messageText(posted[0])).toContain('sticks in a ditch');
      expect(posted[1]).toEqual({ delete_original: true });
    } finally {
      await restarted.stop();
    }
  });
});
