/**
 * `node --import tsx bench/slack-client.ts <secret>`: the Slack load generator, in its own
 * process, started once for the whole load. For each line it reads on stdin
 * (`{"url":…,"requests":N,"concurrency":C,"mode":"answers"|"ack"}`) it sends signed /status and
 * /timeline slash commands, half each, C at a time, with a loopback response_url that notes when
 * each answer arrives, and prints one JSON line (see LoadResult in slack-load.ts) with every
 * request's times. It ends when stdin closes.
 *
 * The response_url server runs on a thread of its own: on the sending thread, 2,000 incoming
 * answers would delay the reading of the bot's acknowledgements, and the bare app (which sends
 * no answers) would not pay that, so the comparison would be unfair.
 */
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { Worker } from 'node:worker_threads';
import { SlackSender } from '../tests/support/slack-requests.ts';
import type { LoadResult } from './slack-load.ts';
import { type Stats, stats } from './stats.ts';

/** Milliseconds on a clock every thread of the process shares. */
const clock = () => performance.timeOrigin + performance.now();

/** The sink, as plain JavaScript for its thread: the first arrival of each answer, by request id. */
const SINK = `
const { createServer } = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const count = new Int32Array(workerData);
const arrived = new Map();
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const id = (req.url || '').split('/').pop();
    if (!arrived.has(id)) {
      arrived.set(id, performance.timeOrigin + performance.now());
      Atomics.add(count, 0, 1);
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
});
// Idle connections are the sender's to close: Node's 5 s races fetch's own idle timeout.
server.keepAliveTimeout = 600000;
server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address()));
parentPort.on('message', () => server.close(() => parentPort.postMessage([...arrived])));
`;

interface Sink {
  url: string;
  /** Answers arrived so far. */
  count(): number;
  /** Stops the server; when each answer arrived (clock()), by request id. */
  close(): Promise<Map<string, number>>;
}

/** A response_url endpoint on its own thread that notes when each answer arrives. */
async function startResponseSink(): Promise<Sink> {
  const shared = new SharedArrayBuffer(4);
  const count = new Int32Array(shared);
  const worker = new Worker(SINK, { eval: true, workerData: shared });
  const { port } = await new Promise<AddressInfo>((resolve) => worker.once('message', resolve));
  let closed: Promise<Map<string, number>> | undefined;
  return {
    url: `http://127.0.0.1:${port}/r/`,
    count: () => Atomics.load(count, 0),
    close() {
      closed ??= new Promise<[string, number][]>((resolve) => {
        worker.once('message', resolve);
        worker.postMessage('close');
      }).then(async (entries) => {
        await worker.terminate();
        return new Map(entries);
      });
      return closed;
    },
  };
}

async function drive(
  sender: SlackSender,
  requests: number,
  concurrency: number,
  responseBase: string,
  sink?: Sink,
): Promise<Omit<LoadResult, 'cpuMsPerRequest'> & { samples: { ack: number[]; answer?: number[] } }> {
  const acks: number[] = [];
  const sent = new Map<string, number>();
  let errors = 0;
  let next = 0;
  const started = performance.now();
  async function worker() {
    while (next < requests) {
      const i = next++;
      const id = `q${i}`;
      const [command, text] = i % 2 === 0 ? ['/status', ''] : ['/timeline', 'location:artibonite category:attack'];
      sent.set(id, clock());
      try {
        const res = await sender.slashCommand(command as string, text as string, { response_url: responseBase + id });
        if (res.status !== 200) errors += 1;
        acks.push(res.ms);
      } catch {
        errors += 1;
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  const ackSeconds = (performance.now() - started) / 1000;
  let answer: Stats | undefined;
  let answerTimes: number[] | undefined;
  if (sink) {
    // Answers are sent after the acknowledgement; wait for the last of them (bounded).
    const deadline = performance.now() + 60_000;
    while (sink.count() < requests - errors && performance.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    const arrived = await sink.close();
    const times = [...sent].flatMap(([id, at]) => {
      const done = arrived.get(id);
      return done === undefined ? [] : [done - at];
    });
    errors += requests - errors - times.length;
    answer = stats(times);
    answerTimes = times;
  }
  return {
    requests,
    concurrency,
    ack: stats(acks),
    ...(answer ? { answer } : {}),
    errors,
    seconds: Number(((performance.now() - started) / 1000).toFixed(3)),
    ackSeconds: Number(ackSeconds.toFixed(3)),
    samples: { ack: acks, ...(answerTimes ? { answer: answerTimes } : {}) },
  };
}

const [secret] = process.argv.slice(2);
if (!secret) throw new Error('usage: bench/slack-client.ts <secret>');
for await (const line of createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  const { url, requests, concurrency, mode } = JSON.parse(line) as {
    url: string;
    requests: number;
    concurrency: number;
    mode: 'answers' | 'ack';
  };
  const sink = await startResponseSink();
  try {
    const result = await drive(
      new SlackSender(url, secret),
      requests,
      concurrency,
      sink.url,
      mode === 'answers' ? sink : undefined,
    );
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await sink.close();
  }
}
