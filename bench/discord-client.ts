/**
 * `node --import tsx bench/discord-client.ts`: the Discord load generator, in its own process so
 * that its work never delays the bot's. It runs two Discord stand-ins (gateway and REST on
 * 127.0.0.1, tests/support/discord-stand-in.ts), one for the bot and one for the bare discord.js
 * app, and says where they are in one JSON line. Then, for each line it reads on stdin
 * (`{"target":"bot"|"bare","requests":N,"concurrency":C}`), it dispatches N slash commands
 * (/status, /timeline, /location in turn), C awaiting their first callback at a time, and
 * prints one JSON line (BurstResult) with every interaction's times. It ends when stdin closes.
 *
 * Acknowledged: the first interaction callback (reply, defer or modal) reached the REST stand-in.
 * Finished: nothing more follows: a reply without a map, or the edit (map or deferred answer) or
 * follow-up after a reply with a map or a defer. The burst ends when every interaction has
 * finished, so no answer work spills into the next burst.
 */
import { createInterface } from 'node:readline';
import {
  type APIApplicationCommandInteractionDataOption,
  ApplicationCommandOptionType,
  InteractionResponseType,
} from 'discord-api-types/v10';
import { type DiscordStandIn, type RecordedRequest, startDiscordStandIn } from '../tests/support/discord-stand-in.ts';

export type Target = 'bot' | 'bare';

/** Where a client logs in. */
export interface StandInAddress {
  restUrl: string;
  applicationId: string;
  token: string;
}

export interface BurstResult {
  target: Target;
  requests: number;
  concurrency: number;
  /** Dispatch to first callback, per acknowledged interaction (ms). */
  ack: number[];
  /** Dispatch to the last message of the answer, per finished interaction (ms). */
  answer: number[];
  /** Never acknowledged. */
  unacknowledged: number;
  /** Acknowledged but never finished. */
  unfinished: number;
  /** Until the last acknowledgement, and until the last interaction finished. */
  ackSeconds: number;
  seconds: number;
}

/** Discord's own heartbeat interval: a test's short one would only add gateway traffic here. */
const HEARTBEAT_MS = 41_250;
/** An interaction not acknowledged by then counts as an error (Discord gives up after 3 s). */
const ACK_GIVE_UP_MS = 30_000;
/** The burst ends when no interaction has finished for this long (a hang, not a slow answer). */
const STALLED_MS = 60_000;

const text = (name: string, value: string) =>
  ({
    name,
    type: ApplicationCommandOptionType.String,
    value,
  }) as const satisfies APIApplicationCommandInteractionDataOption;
/** What users ask, in turn: the commands the benchmark's queries measure. */
const ASKS: Array<{ name: string; options: APIApplicationCommandInteractionDataOption[]; map: boolean }> = [
  { name: 'status', options: [], map: false },
  { name: 'timeline', options: [text('location', 'artibonite'), text('category', 'attack')], map: false },
  { name: 'location', options: [text('name', 'Kenscoff')], map: true },
  { name: 'status', options: [], map: false },
  { name: 'timeline', options: [text('location', 'pont-sonde')], map: false },
  { name: 'location', options: [text('name', 'Saint-Marc')], map: true },
];

interface Pending {
  sentAt: number;
  /** A message follows the first callback: an edit or a follow-up. */
  expectFollowUp: boolean;
  acked?: number;
  finished?: number;
  onAck: () => void;
}

async function burst(standIn: DiscordStandIn, target: Target, requests: number, concurrency: number) {
  standIn.requests.length = 0;
  const pending = new Map<string, Pending>();
  let finishedCount = 0;
  let lastProgress = performance.now();
  let wakeFinished: (() => void) | undefined;
  const finish = (p: Pending, at: number) => {
    if (p.finished !== undefined) return;
    p.finished = at;
    finishedCount += 1;
    lastProgress = at;
    wakeFinished?.();
  };
  standIn.onRecorded = (r: RecordedRequest) => {
    const callback = /^\/interactions\/(\d+)\/[^/]+\/callback$/.exec(r.path);
    if (callback && r.method === 'POST') {
      const p = pending.get(callback[1] as string);
      if (!p || p.acked !== undefined) return;
      p.acked = r.receivedAt;
      const deferred = r.body.type === InteractionResponseType.DeferredChannelMessageWithSource;
      const privately = ((r.body.data?.flags ?? 0) & 64) !== 0;
      if (!(deferred || (p.expectFollowUp && !privately))) finish(p, r.receivedAt);
      else p.expectFollowUp = true;
      p.onAck();
      return;
    }
    // An edit of the original answer, or a follow-up: /webhooks/<application>/tok-<id>/...
    const webhook = /^\/webhooks\/\d+\/tok-(\d+)/.exec(r.path);
    const p = webhook && pending.get(webhook[1] as string);
    if (p && p.acked !== undefined && r.method !== 'DELETE') finish(p, r.receivedAt);
  };

  let next = 0;
  let unacknowledged = 0;
  const started = performance.now();
  async function worker() {
    while (next < requests) {
      const ask = ASKS[next++ % ASKS.length] as (typeof ASKS)[number];
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          unacknowledged += 1;
          resolve();
        }, ACK_GIVE_UP_MS);
        const entry: Pending = {
          sentAt: performance.now(),
          expectFollowUp: target === 'bot' && ask.map,
          onAck: () => {
            clearTimeout(timer);
            resolve();
          },
        };
        const { id } = standIn.command(ask.name, ask.options);
        pending.set(id, entry);
      });
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  const ackSeconds = (performance.now() - started) / 1000;
  const acked = [...pending.values()].filter((p) => p.acked !== undefined).length;
  lastProgress = performance.now();
  while (finishedCount < acked && performance.now() - lastProgress < STALLED_MS) {
    await new Promise<void>((resolve) => {
      wakeFinished = resolve;
      setTimeout(resolve, 1000);
    });
  }
  standIn.onRecorded = undefined;
  const all = [...pending.values()];
  return {
    target,
    requests,
    concurrency,
    ack: all.flatMap((p) => (p.acked === undefined ? [] : [p.acked - p.sentAt])),
    answer: all.flatMap((p) => (p.finished === undefined ? [] : [p.finished - p.sentAt])),
    unacknowledged,
    unfinished: acked - finishedCount,
    ackSeconds: Number(ackSeconds.toFixed(3)),
    seconds: Number(((performance.now() - started) / 1000).toFixed(3)),
  } satisfies BurstResult;
}

const standIns = { bot: await startDiscordStandIn(), bare: await startDiscordStandIn() };
for (const s of Object.values(standIns)) s.heartbeatIntervalMs = HEARTBEAT_MS;
const address = (s: DiscordStandIn): StandInAddress => ({
  restUrl: s.restUrl,
  applicationId: s.applicationId,
  token: s.token,
});
process.stdout.write(`${JSON.stringify({ bot: address(standIns.bot), bare: address(standIns.bare) })}\n`);

for await (const line of createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  const { target, requests, concurrency } = JSON.parse(line) as {
    target: Target;
    requests: number;
    concurrency: number;
  };
  const result = await burst(standIns[target], target, requests, concurrency);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
await Promise.all(Object.values(standIns).map((s) => s.stop()));
