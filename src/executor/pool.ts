/**
 * The executor's workers: a few threads or processes, each with its own read-only connection to
 * the store. Jobs wait here and go to the least busy worker a few at a time. When a worker dies,
 * the jobs it held are answered (a command with the short private apology, other jobs rejected)
 * and a new worker takes its place; when none can start, what waits is answered the same way
 * rather than left waiting.
 */
import { pino } from 'pino';
import type { CommandDef } from '../commands/command-types.ts';
import { commands as registry } from '../commands/commands.ts';
import type { CoreSettings } from '../core/services.ts';
import type { Logger } from '../log.ts';
import type { Executor } from './executor.ts';
import { callerOfJob, failedAnswer, type Job, type JobAnswer, type Unanswered } from './jobs.ts';
import type { FromWorker, JobOutcome, WorkerInit } from './protocol.ts';
import type { StoreLocation } from './read-only-services.ts';
import { createSharedAnswers, type SharedAnswers } from './shared-answers.ts';
import { spawnWorker, type WorkerHandle, type WorkerMode } from './worker-host.ts';

export interface PoolOptions {
  store: StoreLocation;
  settings: CoreSettings;
  logger: Logger;
  /** How many workers; default 2. */
  workers?: number | undefined;
  /** Default 'process' (see README: chosen by the Discord and Slack benchmarks). */
  mode?: WorkerMode | undefined;
  /** The workers' nice value; default 10 (the bot's deadlines come first). Tests keep 0. */
  nice?: number | undefined;
  /** The worker script; tests give one that can be made slow or to crash. */
  workerUrl?: URL | undefined;
  /** How long stop() lets jobs handed over finish; default 1.5 s. */
  drainMs?: number | undefined;
}

/** Jobs a worker holds at once: its queries are synchronous, so more would only wait there. */
const IN_WORKER = 4;
// The worker's entry is a folder of its own (src/worker/): it loads the platforms' deliverers,
// which import this folder. The bundle puts it beside the bot's chunks.
const defaultWorker = new URL(
  import.meta.url.endsWith('.ts') ? '../worker/executor-worker.ts' : './executor-worker.js',
  import.meta.url,
);

interface Pending {
  id: number;
  job: Job;
  resolve(answer: unknown): void;
  reject(err: Error): void;
  sentAt?: number;
}

interface Slot {
  handle: WorkerHandle;
  ready: boolean;
  held: Map<number, Pending>;
  /** Jobs done whose answer the worker is posting itself, each with the answer to give once posted. */
  posting: Map<number, { pending: Pending; answer: unknown }>;
  /** When its last job finished: a job's service time starts then or when it was sent. */
  lastDoneAt: number;
  /** Answers the worker shares between jobs: one copy each. */
  shared: SharedAnswers;
  exited: Promise<void>;
}

export function createWorkerPool(options: PoolOptions): Executor {
  const log = options.logger;
  const size = Math.max(1, options.workers ?? 2);
  const mode = options.mode ?? 'process';
  const queue: Pending[] = [];
  const slots = new Set<Slot>();
  const idle: (() => void)[] = [];
  let stopping = false;
  let failedStarts = 0;
  let nextId = 1;
  /** Milliseconds a job keeps a worker busy, smoothed. */
  let serviceMs = 5;
  const restartTimers = new Set<NodeJS.Timeout>();

  const held = () => [...slots].reduce((n, s) => n + s.held.size, 0);
  const posting = () => [...slots].reduce((n, s) => n + s.posting.size, 0);
  const readySlots = () => [...slots].filter((s) => s.ready);

  function answerUnserved(pending: Pending, reason: Unanswered) {
    if (pending.job.kind === 'command' || pending.job.kind === 'deliver')
      pending.resolve(failedAnswer(reason, callerOfJob(pending.job)));
    else pending.reject(new Error(reason === 'restarting' ? 'the executor is stopping' : 'the executor worker ended'));
  }

  function pump() {
    for (;;) {
      if (queue.length === 0) break;
      const slot = readySlots()
        .filter((s) => s.held.size < IN_WORKER)
        .sort((a, b) => a.held.size - b.held.size)[0];
      if (!slot) break;
      const batch = queue.splice(0, IN_WORKER - slot.held.size);
      const now = performance.now();
      for (const p of batch) {
        p.sentAt = now;
        slot.held.set(p.id, p);
      }
      slot.handle.send({ type: 'jobs', jobs: batch.map((p) => ({ id: p.id, job: p.job })) });
    }
    if (queue.length === 0 && held() === 0 && posting() === 0) for (const resolve of idle.splice(0)) resolve();
  }

  function settle(slot: Slot, outcomes: JobOutcome[]) {
    const now = performance.now();
    for (const outcome of outcomes) {
      // Every answer is read in order, so the shared ones kept stay those the worker counts on.
      const answer = outcome.ok ? slot.shared.answerOf(outcome) : undefined;
      const p = slot.held.get(outcome.id);
      if (!p) continue;
      slot.held.delete(outcome.id);
      serviceMs = 0.8 * serviceMs + 0.2 * (now - Math.max(p.sentAt ?? now, slot.lastDoneAt));
      slot.lastDoneAt = now;
      if (outcome.ok && answer === undefined) {
        log.error({ shared: outcome.shared }, 'executor: a shared answer sent by id is not kept here');
        answerUnserved(p, 'fallback');
      } else if (outcome.ok && outcome.posting) {
        // Its post waits on the network, not on the worker: the slot is free for the next job.
        slot.posting.set(outcome.id, { pending: p, answer });
      } else if (outcome.ok) {
        release(() => p.resolve(answer));
      } else if (p.job.kind === 'command' || p.job.kind === 'deliver') {
        const caller = callerOfJob(p.job);
        release(() => p.resolve(failedAnswer('fallback', caller)));
      } else release(() => p.reject(new Error(outcome.error)));
    }
    pump();
  }

  function posted(slot: Slot, ids: number[]) {
    for (const id of ids) {
      const entry = slot.posting.get(id);
      if (!entry) continue;
      slot.posting.delete(id);
      release(() => entry.pending.resolve(entry.answer));
    }
    pump();
  }

  /**
   * Answers go back to their adapters one per turn of the event loop: what arrived meanwhile
   * (a request to acknowledge, a heartbeat) is handled between two answers' rendering and
   * sending, so a batch of answers never holds an acknowledgement up behind it.
   */
  const releases: Array<() => void> = [];
  function release(answer: () => void) {
    if (releases.push(answer) === 1) setImmediate(releaseOne);
  }
  function releaseOne() {
    releases.shift()?.();
    if (releases.length > 0) setImmediate(releaseOne);
  }

  function spawn(onReady?: () => void, onFailed?: (err: Error) => void) {
    const init: WorkerInit = {
      store: options.store,
      settings: options.settings,
      logLevel: log.level,
      nice: options.nice ?? 10,
    };
    let crash: Error | undefined;
    let markExited = () => {};
    const slot: Slot = {
      ready: false,
      held: new Map(),
      posting: new Map(),
      lastDoneAt: 0,
      shared: createSharedAnswers(),
      exited: new Promise<void>((resolve) => {
        markExited = resolve;
      }),
      handle: spawnWorker(mode, options.workerUrl ?? defaultWorker, {
        message(message: FromWorker) {
          if (message.type === 'started') slot.handle.send({ type: 'init', init });
          else if (message.type === 'ready') {
            slot.ready = true;
            failedStarts = 0;
            onReady?.();
            pump();
          } else if (message.type === 'failed') {
            crash = new Error(`the executor could not start: ${message.reason}`);
            slot.handle.kill();
          } else if (message.type === 'done') settle(slot, message.outcomes);
          else if (message.type === 'posted') posted(slot, message.ids);
          else relog(log, message.line);
        },
        error(err) {
          crash = err;
          log.error({ err }, 'executor worker failed');
        },
        exit(code, signal) {
          markExited();
          if (!slots.delete(slot)) return;
          // Those it was posting too: whether their post went out is not known.
          const unanswered = [...slot.held.values(), ...[...slot.posting.values()].map((e) => e.pending)];
          slot.held.clear();
          slot.posting.clear();
          for (const p of unanswered) answerUnserved(p, stopping ? 'restarting' : 'fallback');
          if (!slot.ready) {
            failedStarts += 1;
            onFailed?.(crash ?? new Error(`the executor worker exited with code ${code} before it was ready`));
          }
          if (stopping || (!slot.ready && readySlots().length === 0)) {
            // No worker to serve the queue now: answer it rather than leave it waiting.
            for (const p of queue.splice(0)) answerUnserved(p, stopping ? 'restarting' : 'fallback');
          }
          if (!stopping) {
            log.warn({ code, signal, unanswered: unanswered.length }, 'executor worker exited; starting another');
            const delay = slot.ready ? 0 : Math.min(30_000, 1000 * 2 ** (failedStarts - 1));
            const timer = setTimeout(() => {
              restartTimers.delete(timer);
              if (!stopping) spawn();
            }, delay);
            restartTimers.add(timer);
          }
          pump();
        },
      }),
    };
    slots.add(slot);
  }

  async function stop(): Promise<void> {
    if (stopping && slots.size === 0) return;
    stopping = true;
    for (const timer of restartTimers) clearTimeout(timer);
    restartTimers.clear();
    if (queue.length > 0 || held() > 0 || posting() > 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        new Promise<void>((resolve) => idle.push(resolve)),
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, options.drainMs ?? 1500);
        }),
      ]);
      clearTimeout(timer);
    }
    for (const p of queue.splice(0)) answerUnserved(p, 'restarting');
    const exits = [...slots].map((slot) => slot.exited);
    for (const slot of slots) slot.handle.kill();
    await Promise.all(exits);
  }

  return {
    serves: (command: CommandDef) => Boolean(command.readOnly) && servedByRegistry(command),
    run<J extends Job>(job: J): Promise<JobAnswer<J>> {
      if (stopping) {
        const unserved = new Promise<unknown>((resolve, reject) =>
          answerUnserved({ id: 0, job, resolve, reject }, 'restarting'),
        );
        return unserved as Promise<JobAnswer<J>>;
      }
      return new Promise<unknown>((resolve, reject) => {
        queue.push({ id: nextId++, job, resolve, reject });
        pump();
      }) as Promise<JobAnswer<J>>;
    },
    expectedWaitMs() {
      const ready = readySlots();
      if (queue.length === 0 && ready.some((s) => s.held.size === 0)) return 0;
      return ((queue.length + held()) * serviceMs) / Math.max(1, ready.length);
    },
    /** Resolves when every worker is ready, or when stop() was called first; rejects when one cannot start. */
    start() {
      stopping = false;
      return new Promise<void>((resolve, reject) => {
        let ready = 0;
        let failed = false;
        for (let i = 0; i < size; i++) {
          spawn(
            () => {
              if (++ready === size) resolve();
            },
            (err) => {
              if (failed) return;
              failed = true;
              // Stopped before its workers were ready: there is nothing left to start.
              if (stopping) resolve();
              else void stop().finally(() => reject(err));
            },
          );
        }
      });
    },
    stop,
  };
}

/** The workers load the registry: a command declared elsewhere (a test's) is not theirs to run. */
function servedByRegistry(command: CommandDef): boolean {
  return registry.some((root) => root === command || root.subcommands?.includes(command));
}

/** A pino line from a worker, logged by the bot's logger (and its redaction). */
function relog(log: Logger, line: string) {
  try {
    const { level, msg, time: _time, pid: _pid, hostname: _host, ...rest } = JSON.parse(line);
    const label = pino.levels.labels[level] as pino.Level | undefined;
    if (label) log[label]({ ...rest, worker: 'executor' }, msg);
  } catch {
    log.warn({ line }, 'an executor worker wrote an unreadable log line');
  }
}
