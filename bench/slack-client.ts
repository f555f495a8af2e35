/**
 * `node --import tsx bench/slack-client.ts <url> <secret> <requests> <concurrency> answers|ack`:
 * the Slack load generator, in its own process: signed /status and /timeline slash commands,
 * half each, `concurrency` at a time, and a loopback response_url that notes when each answer
 * arrives. Prints one JSON line (see LoadResult in slack-load.ts).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SlackSender } from '../tests/support/slack-requests.ts';
import type { LoadResult } from './slack-load.ts';
import { type Stats, stats } from './stats.ts';

/** A response_url endpoint that notes when each answer arrives. */
async function startResponseSink(): Promise<{ url: string; arrived: Map<string, number>; close: () => Promise<void> }> {
  const arrived = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const id = req.url?.split('/').pop() ?? '';
      if (!arrived.has(id)) arrived.set(id, performance.now());
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/r/`,
    arrived,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function drive(
  sender: SlackSender,
  requests: number,
  concurrency: number,
  responseBase: string,
  arrived?: Map<string, number>,
): Promise<LoadResult> {
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
      sent.set(id, performance.now());
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
  let answer: Stats | undefined;
  if (arrived) {
    // Answers are sent after the acknowledgement; wait for the last of them (bounded).
    const deadline = performance.now() + 60_000;
    while (arrived.size < requests - errors && performance.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    const times = [...sent].flatMap(([id, at]) => {
      const done = arrived.get(id);
      return done === undefined ? [] : [done - at];
    });
    errors += requests - errors - times.length;
    answer = stats(times);
  }
  return {
    requests,
    concurrency,
    ack: stats(acks),
    ...(answer ? { answer } : {}),
    errors,
    seconds: Number(((performance.now() - started) / 1000).toFixed(2)),
  };
}

const [url, secret, requestsText, concurrencyText, mode] = process.argv.slice(2);
if (!url || !secret)
  throw new Error('usage: bench/slack-client.ts <url> <secret> <requests> <concurrency> answers|ack');
const sink = await startResponseSink();
try {
  const result = await drive(
    new SlackSender(url, secret),
    Number(requestsText),
    Number(concurrencyText),
    sink.url,
    mode === 'answers' ? sink.arrived : undefined,
  );
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  await sink.close();
}
