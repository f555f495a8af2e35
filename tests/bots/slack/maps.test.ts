/**
 * Maps on Slack: a /location answer is followed by one PNG uploaded into the channel through the
 * external upload flow; a post() with a map does the same; a failed upload leaves the text answer
 * delivered and is logged.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAP_FILENAME, markedMapFilename } from '../../../src/bots/slack/map-upload.ts';
import { digest } from '../../../src/core/digest.ts';
import type { View } from '../../../src/core/view.ts';
import { deliver, type RetryPolicy } from '../../../src/scheduler/retry.ts';
import { TEST_NOW } from '../../support/services.ts';
import { HARNESS_CHANNEL, type SlackHarness, startSlackHarness } from '../../support/slack-harness.ts';
import { messageText } from '../../support/slack-limits.ts';
import { TEAM_ID } from '../../support/slack-requests.ts';
import { EVENTUALLY_MS, waitFor } from '../../support/timing.ts';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let h: SlackHarness;

beforeAll(async () => {
  h = await startSlackHarness();
});

afterAll(async () => {
  await h?.close();
});

beforeEach(() => {
  h.standIn.shared.length = 0;
  h.standIn.calls.length = 0;
  h.logged.length = 0;
});

const uploadCalls = () => h.standIn.calls.filter((c) => c.method.startsWith('files.'));

const mapView: View = {
  kind: 'location',
  title: 'Kenscoff',
  sections: [],
  footer: 'Sources: test',
  map: {
    kind: 'map',
    center: { lat: 18.45, lon: -72.28, label: 'Kenscoff' },
    radiusKm: 10,
    marks: [{ lat: 18.45, lon: -72.28, label: 'Kenscoff', weight: 2 }],
  },
};

describe('Slack maps', () => {
  it('/location answers with text, then one PNG map uploaded into the channel', async () => {
    const [answer] = await h.answered('/location', 'Kenscoff visibility:public');
    expect(answer.response_type).toBe('in_channel');
    expect(messageText(answer)).toContain('Kenscoff');
    const [file] = await waitFor(
      () => (h.standIn.shared.length ? h.standIn.shared : undefined),
      EVENTUALLY_MS,
      'the map',
    );
    expect(h.standIn.shared).toHaveLength(1);
    expect(file?.channel).toBe(HARNESS_CHANNEL);
    expect(file?.bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    const urlCall = uploadCalls().find((c) => c.method === 'files.getUploadURLExternal');
    expect(urlCall?.body.filename).toBe(MAP_FILENAME);
    expect(Number(urlCall?.body.length)).toBe(file?.bytes.length);
  });

  it('a failed upload still delivers the text, uploads nothing and is logged', async () => {
    h.standIn.uploadFailures.push(500);
    const [answer] = await h.answered('/location', 'Kenscoff visibility:public');
    expect(messageText(answer)).toContain('Kenscoff');
    await waitFor(() => h.logged.find((l) => /map upload failed/.test(l.msg)), EVENTUALLY_MS, 'the logged failure');
    expect(h.standIn.shared).toHaveLength(0);
    expect(uploadCalls().some((c) => c.method === 'files.completeUploadExternal')).toBe(false);
  });

  it('a refused upload URL (missing scope) still delivers the text', async () => {
    h.standIn.script.push({
      method: 'files.getUploadURLExternal',
      status: 200,
      body: { ok: false, error: 'missing_scope' },
    });
    const [answer] = await h.answered('/location', 'Kenscoff visibility:public');
    expect(messageText(answer)).toContain('Kenscoff');
    await waitFor(() => h.logged.find((l) => /map upload failed/.test(l.msg)), EVENTUALLY_MS, 'the logged failure');
    expect(h.standIn.shared).toHaveLength(0);
  });

  it('a question in a mention is answered in its thread, and the map goes into that thread', async () => {
    const res = await h.sender.event({
      type: 'app_mention',
      user: 'U000000001',
      text: '<@UBOT> what happened in Kenscoff since March 1?',
      ts: '1700000001.000200',
      channel: HARNESS_CHANNEL,
    });
    expect(res.status).toBe(200);
    const [file] = await waitFor(
      () => (h.standIn.shared.length ? h.standIn.shared : undefined),
      EVENTUALLY_MS,
      'the map',
    );
    expect(file?.channel).toBe(HARNESS_CHANNEL);
    expect(file?.threadTs).toBe('1700000001.000200');
    const answer = h.standIn.posted.find((m) => m.thread_ts === '1700000001.000200');
    expect(answer).toBeDefined();
  });

  it('post() sends the text and then the map; a failed upload does not fail the post', async () => {
    const posted = await h.adapter.post({ platform: 'slack', teamId: TEAM_ID, channelId: HARNESS_CHANNEL }, mapView, {
      marker: 'm1',
    });
    expect(posted.messageId).toMatch(/^\d+\.\d+$/);
    expect(h.standIn.shared).toHaveLength(1);
    expect(h.standIn.shared[0]?.bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    const methods = h.standIn.calls.map((c) => c.method);
    expect(methods.indexOf('chat.postMessage')).toBeLessThan(methods.indexOf('files.getUploadURLExternal'));

    h.standIn.uploadFailures.push(503);
    const again = await h.adapter.post({ platform: 'slack', teamId: TEAM_ID, channelId: HARNESS_CHANNEL }, mapView);
    expect(again.messageId).toMatch(/^\d+\.\d+$/);
    expect(h.standIn.shared).toHaveLength(1);
    expect(h.logged.some((l) => /map upload failed/.test(l.msg))).toBe(true);
  });
});

describe('a scheduled digest with a map, on Slack', () => {
  const channel = { platform: 'slack' as const, teamId: TEAM_ID, channelId: HARNESS_CHANNEL };
  const policy: RetryPolicy = { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 };
  const digestView = () => digest(h.services, { since: '2025-03-25', until: '2025-03-27', language: 'fr' }, TEST_NOW);
  const send = async (marker: string, view: View, checkFirst = false) =>
    deliver({
      poster: h.adapter,
      channel,
      view,
      marker,
      since: new Date(Date.now() - 60_000).toISOString(),
      checkFirst,
      policy,
      sleep: async () => true,
      beforeAttempt: async () => true,
    });
  const texts = (marker: string) => h.standIn.posted.filter((m) => m.metadata?.event_payload?.marker === marker);
  const maps = (marker: string) => h.standIn.shared.filter((f) => f.name === markedMapFilename(marker));

  it('posts the text once and its map once, named after the marker', async () => {
    const view = await digestView();
    expect(view.map?.marks.length).toBeGreaterThan(0);
    const outcome = await send('sitrep:digest-a', view);
    expect(outcome).toMatchObject({ kind: 'sent', found: false });
    expect(texts('sitrep:digest-a')).toHaveLength(1);
    expect(maps('sitrep:digest-a')).toHaveLength(1);
    expect(maps('sitrep:digest-a')[0]?.bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  });

  it('a failed map upload is retried without posting the text again', async () => {
    h.standIn.uploadFailures.push(500);
    const outcome = await send('sitrep:digest-b', await digestView());
    expect(outcome).toMatchObject({ kind: 'sent', found: true, attempts: 2 });
    expect(texts('sitrep:digest-b')).toHaveLength(1);
    expect(maps('sitrep:digest-b')).toHaveLength(1);
  });

  it('a send finished after a crash between text and map sends the map alone, and only once', async () => {
    const view = await digestView();
    // The crashed sender got the text out and died before the map.
    await h.adapter.post(channel, { ...view, map: undefined }, { marker: 'sitrep:digest-c' });
    expect(maps('sitrep:digest-c')).toHaveLength(0);
    const resumed = await send('sitrep:digest-c', view, true);
    expect(resumed).toMatchObject({ kind: 'sent', found: true });
    expect(texts('sitrep:digest-c')).toHaveLength(1);
    expect(maps('sitrep:digest-c')).toHaveLength(1);
    // A crash after the map, before the ledger recorded it: found again, nothing sent twice.
    await send('sitrep:digest-c', view, true);
    expect(texts('sitrep:digest-c')).toHaveLength(1);
    expect(maps('sitrep:digest-c')).toHaveLength(1);
  });

  it('a map Slack refuses for good leaves the digest sent, with the refusal logged', async () => {
    h.standIn.script.push({
      method: 'files.getUploadURLExternal',
      status: 200,
      body: { ok: false, error: 'missing_scope' },
    });
    const outcome = await send('sitrep:digest-d', await digestView());
    expect(outcome).toMatchObject({ kind: 'sent', found: false, attempts: 1 });
    expect(texts('sitrep:digest-d')).toHaveLength(1);
    expect(maps('sitrep:digest-d')).toHaveLength(0);
    expect(h.logged.some((l) => /map upload failed/.test(l.msg))).toBe(true);
  });
});
