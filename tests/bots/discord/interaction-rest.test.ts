/**
 * Editing an interaction's answer outside discord.js's REST queue: a JSON edit, a map sent as
 * multipart `files[0]` with its attachment, a 429 waited out, an error that says what failed.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createInteractionRest, InteractionRestError } from '../../../src/bots/discord/interaction-rest.ts';
import { type DiscordStandIn, startDiscordStandIn } from '../../support/discord-stand-in.ts';

let standIn: DiscordStandIn;
beforeAll(async () => {
  standIn = await startDiscordStandIn();
});
afterAll(() => standIn.stop());

const rest = () => createInteractionRest({ api: standIn.restUrl, version: '10' });
const target = (token: string) => ({ applicationId: standIn.applicationId, token });
const editsOf = (token: string) =>
  standIn.requests.filter(
    (r) => r.method === 'PATCH' && r.path === `/webhooks/${standIn.applicationId}/${token}/messages/@original`,
  );
const body = { embeds: [{ title: 'Status' }], components: [], allowed_mentions: { parse: [] } };

it('edits the original answer as JSON, and with a map as payload_json plus files[0]', async () => {
  await rest().editOriginal(target('tok-json'), body);
  const [edit] = editsOf('tok-json');
  expect(edit?.body.embeds?.[0]?.title).toBe('Status');
  expect(edit?.files).toEqual([]);

  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 13, 10]);
  await rest().editOriginal(target('tok-map'), body, png);
  const [withMap] = editsOf('tok-map');
  expect(withMap?.body.embeds?.[0]?.title).toBe('Status');
  expect(withMap?.body.attachments).toEqual([{ id: '0', filename: 'map.png' }]);
  expect(withMap?.files.map((f) => [f.field, f.filename, f.contentType])).toEqual([
    ['files[0]', 'map.png', 'image/png'],
  ]);
  expect(withMap?.files[0]?.data.equals(png)).toBe(true);
});

it('waits out a 429 and sends again; an error it cannot retry rejects with its status', async () => {
  standIn.failures.push({
    method: 'PATCH',
    path: /tok-limited/,
    status: 429,
    body: { message: 'You are being rate limited.', retry_after: 0.05, global: false },
  });
  await rest().editOriginal(target('tok-limited'), body);
  expect(editsOf('tok-limited')).toHaveLength(2);

  standIn.failures.push({ method: 'PATCH', path: /tok-gone/, status: 404, body: { message: 'Unknown Webhook' } });
  const failed = await rest()
    .editOriginal(target('tok-gone'), body)
    .catch((err: unknown) => err);
  expect(failed).toBeInstanceOf(InteractionRestError);
  expect((failed as InteractionRestError).status).toBe(404);
  expect(editsOf('tok-gone')).toHaveLength(1);
});

it('defers an interaction (callback type 5), privately when asked', async () => {
  await rest().defer({ id: '1300000000000000001', token: 'tok-defer' }, false);
  await rest().defer({ id: '1300000000000000002', token: 'tok-private' }, true);
  const callbacks = standIn.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/callback'));
  expect(callbacks.map((r) => [r.path, r.body.type, r.body.data?.flags])).toEqual([
    ['/interactions/1300000000000000001/tok-defer/callback', 5, 0],
    ['/interactions/1300000000000000002/tok-private/callback', 5, 64],
  ]);
});
