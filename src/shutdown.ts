/**
 * One way out of the bot process. Stop steps (adapters, scheduler, stores) run last-added
 * first, each bounded by its own timeout, and the process exits when they are done, whatever a
 * library still has scheduled (discord.js keeps reconnecting after destroy() when the gateway is
 * unreachable). A deadline ends it regardless, with a log line naming what was still pending.
 */
import type { Logger } from './log.ts';

export interface Shutdown {
  /** A stop step; steps run in reverse order of adding: what started last stops first. */
  add(name: string, stop: () => void | Promise<void>, timeoutMs?: number): void;
  /** Runs every step once, then exits with `exitCode` (1 if a step failed or timed out). */
  run(reason: string, exitCode?: number): Promise<void>;
  readonly stopping: boolean;
}

export interface ShutdownOptions {
  log: Logger;
  /** From the start of run() to the exit, whatever is pending. */
  deadlineMs: number;
  /** A step's own limit when it gives none. */
  stepTimeoutMs?: number;
  /** process.exit by default; tests observe it instead. */
  exit?: (code: number) => void;
}

/** Bot processes exit this long after SIGTERM at the latest: under the 5 s that supervisors and orchestrators grant. */
export const SHUTDOWN_DEADLINE_MS = 4000;

interface Step {
  name: string;
  stop: () => void | Promise<void>;
  timeoutMs: number;
}

export function createShutdown(options: ShutdownOptions): Shutdown {
  const { log } = options;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const steps: Step[] = [];
  let running: Promise<void> | undefined;

  async function runSteps(reason: string, exitCode: number): Promise<void> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    log.info({ reason }, 'shutting down');
    const pending = new Set(steps.map((s) => s.name));
    let failed = false;
    let exited = false;
    const finish = (code: number) => {
      if (exited) return;
      exited = true;
      clearTimeout(deadline);
      exit(code);
    };
    const deadline = setTimeout(() => {
      log.error(
        { pending: [...pending], afterMs: elapsed() },
        `shutdown deadline passed; exiting with ${[...pending].join(', ') || 'nothing'} still pending`,
      );
      finish(1);
    }, options.deadlineMs);
    for (const step of [...steps].reverse()) {
      if (exited) return;
      const outcome = await bounded(step);
      pending.delete(step.name);
      if (outcome !== 'stopped') {
        failed = true;
        log.warn({ step: step.name, outcome, afterMs: elapsed() }, `shutdown: ${step.name} did not stop cleanly`);
      }
    }
    if (exited) return;
    log.info({ afterMs: elapsed() }, 'stopped');
    finish(failed ? Math.max(exitCode, 1) : exitCode);
  }

  async function bounded(step: Step): Promise<'stopped' | 'timed out' | 'failed'> {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        Promise.resolve()
          .then(step.stop)
          .then(() => 'stopped' as const),
        new Promise<'timed out'>((resolve) => {
          timer = setTimeout(() => resolve('timed out'), step.timeoutMs);
        }),
      ]);
    } catch (err) {
      log.error({ err, step: step.name }, `shutdown: ${step.name} failed to stop`);
      return 'failed';
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    add(name, stop, timeoutMs) {
      steps.push({ name, stop, timeoutMs: timeoutMs ?? options.stepTimeoutMs ?? options.deadlineMs });
    },
    run(reason, exitCode = 0) {
      running ??= runSteps(reason, exitCode);
      return running;
    },
    get stopping() {
      return running !== undefined;
    },
  };
}
