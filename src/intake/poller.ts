/**
 * The poll loop: every due source polled on its own interval, a few at a time, each claimed
 * first (a lease in the store) so that across processes on one database a source is polled by
 * one of them at a time. A tick never overlaps the previous one, and nothing here blocks the
 * event loop on the network. A poll that throws (a bug, a store error) is logged, counted as a
 * failure of that source, and the loop goes on.
 */
import type { Source } from '../core/intake-port.ts';
import { afterFailure } from './poll-policy.ts';
import { type IntakeContext, type PollReport, pollSource } from './poll-source.ts';

export interface PollerLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface PollerOptions extends IntakeContext {
  /** This process, as its leases name it. */
  owner: string;
  now(): Date;
  log: PollerLogger;
  /** Sources polled at once. */
  concurrency?: number | undefined;
  /** How often due sources are looked for. */
  tickMs?: number | undefined;
}

export interface Poller {
  /** Polls the sources due now (each once, if this process gets it). */
  pollDue(): Promise<PollReport[]>;
  /** Polls every source that is not paused, due or not (`sitrep sources poll`). */
  pollAll(): Promise<PollReport[]>;
  start(): void;
  /** Stops the loop and waits for the polls in flight. */
  stop(): Promise<void>;
}

export function createPoller(options: PollerOptions): Poller {
  const concurrency = options.concurrency ?? 3;
  const leaseMs = options.limits.timeoutMs * 2 + 60_000;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;

  async function pollOne(source: Source, force: boolean): Promise<PollReport | undefined> {
    const { intake, owner, log } = options;
    const claimed = await intake.claimSource(source.id, owner, leaseMs, options.now().toISOString(), force);
    if (!claimed) return undefined;
    const now = options.now();
    let outcome: Awaited<ReturnType<typeof pollSource>>;
    try {
      outcome = await pollSource(options, claimed, now);
    } catch (err) {
      log.error({ err, sourceId: source.id }, 'intake: poll failed');
      const reason = `internal error: ${(err as Error).message}`;
      const result = afterFailure(claimed, now, { reason, permanent: false }, options.policy);
      outcome = {
        report: {
          sourceId: source.id,
          url: source.url,
          outcome: 'failed',
          created: 0,
          updated: 0,
          joined: 0,
          unchanged: 0,
          reason,
        },
        result,
      };
    }
    const kept = await intake.finishPoll(source.id, owner, outcome.result, options.now().toISOString());
    if (!kept) log.warn({ sourceId: source.id }, 'intake: lease lost before the poll was recorded');
    const { report } = outcome;
    if (report.paused) log.warn({ sourceId: source.id, reason: report.reason }, 'intake: source paused');
    else if (report.outcome === 'failed')
      log.warn({ sourceId: source.id, reason: report.reason }, 'intake: poll failed');
    else if (report.created + report.updated > 0 || report.events)
      log.info(
        { sourceId: source.id, created: report.created, updated: report.updated, events: report.events },
        'intake: polled',
      );
    return report;
  }

  /** Runs `sources` through at most `concurrency` polls at a time. */
  async function pollEach(sources: Source[], force: boolean): Promise<PollReport[]> {
    const reports: PollReport[] = [];
    let next = 0;
    const worker = async () => {
      while (next < sources.length) {
        const source = sources[next++] as Source;
        const report = await pollOne(source, force);
        if (report) reports.push(report);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, sources.length) }, worker));
    return reports.sort((a, b) => a.sourceId - b.sourceId);
  }

  const poller: Poller = {
    async pollDue() {
      const due = await options.intake.dueSources(options.now().toISOString(), 100);
      return pollEach(due, false);
    },
    async pollAll() {
      const sources = (await options.intake.listSources()).filter((s) => !s.paused);
      return pollEach(sources, true);
    },
    start() {
      if (timer) return;
      const tick = () => {
        if (running !== undefined) return;
        running = poller
          .pollDue()
          .catch((err: unknown) => options.log.error({ err }, 'intake: tick failed'))
          .finally(() => {
            running = undefined;
          });
      };
      timer = setInterval(tick, options.tickMs ?? 30_000);
      timer.unref();
      tick();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
  return poller;
}
