/**
 * `sitrep start` with a platform runs the bot as a child process and restarts it whenever it
 * ends by itself: a crash no guard caught, a native abort, the out-of-memory killer. The restart
 * comes within 5 s (RESTART_DELAYS_MS), and the exit is logged with its code or signal.
 * SIGINT and SIGTERM are passed to the bot, which stops within its own deadline; one that has not
 * exited shortly after is killed with what it started, and this process exits too.
 *
 * The bot gets a process group of its own, so a Ctrl-C in a terminal reaches it once, through
 * here, and its answer worker not at all; and it shuts itself down if this process disappears.
 */
import { type ChildProcess, fork } from 'node:child_process';
import type { Logger } from './log.ts';
import { SHUTDOWN_DEADLINE_MS } from './shutdown.ts';

/**
 * Waits before each restart in a row; a bot that ran RESET_AFTER_MS starts the series again. A
 * crash is followed by a restart within 5 s; only a bot that keeps crashing at once waits longer,
 * so a crash loop cannot spend Discord's daily allowance of gateway logins (1,000) in an hour.
 */
export const RESTART_DELAYS_MS = [250, 1000, 2000, 5000, 5000, 5000, 30_000] as const;
const RESET_AFTER_MS = 60_000;
/** The bot's own deadline plus a margin for its exit; still within 5 s of the signal. */
const KILL_AFTER_MS = SHUTDOWN_DEADLINE_MS + 600;
/** A bot that exits with this cannot start as configured: restarting would not help. */
const CONFIG_EXIT_CODE = 2;

export interface SupervisorOptions {
  log: Logger;
  /** The entry script and its arguments for the bot process. */
  script: string;
  args: string[];
}

export function superviseBot(options: SupervisorOptions): Promise<number> {
  const { log } = options;
  let child: ChildProcess | undefined;
  /** The bot's process group (its pid), kept after it exits for what it left behind. */
  let group: number | undefined;
  let restarts = 0;
  let restartTimer: NodeJS.Timeout | undefined;
  let stopping = false;
  let resolveDone: (code: number) => void = () => {};
  const done = new Promise<number>((resolve) => {
    resolveDone = resolve;
  });

  function launch(): void {
    const startedAt = performance.now();
    const bot = fork(options.script, options.args, { detached: true, stdio: 'inherit' });
    child = bot;
    group = bot.pid;
    log.info({ pid: bot.pid }, 'bot process started');
    bot.on('error', (err) => log.error({ err }, 'bot process error'));
    bot.on('exit', (code, signal) => {
      child = undefined;
      if (stopping) {
        resolveDone(code ?? 1);
        return;
      }
      if (code === CONFIG_EXIT_CODE) {
        log.fatal({ code }, 'the bot cannot start as configured; not restarting');
        resolveDone(code);
        return;
      }
      if (performance.now() - startedAt > RESET_AFTER_MS) restarts = 0;
      const delayMs = RESTART_DELAYS_MS[Math.min(restarts, RESTART_DELAYS_MS.length - 1)] as number;
      restarts += 1;
      log.error({ code, signal, restartInMs: delayMs, restarts }, 'bot process ended unexpectedly; restarting');
      restartTimer = setTimeout(launch, delayMs);
    });
  }

  function stop(signal: NodeJS.Signals): void {
    if (stopping) {
      // A second signal: no more waiting.
      killGroup(group, 'SIGKILL');
      resolveDone(1);
      return;
    }
    stopping = true;
    clearTimeout(restartTimer);
    if (!child) {
      resolveDone(0);
      return;
    }
    child.kill(signal);
    const killer = setTimeout(() => {
      log.error({ afterMs: KILL_AFTER_MS }, 'bot process did not exit in time; killing it');
      killGroup(group, 'SIGKILL');
    }, KILL_AFTER_MS);
    void done.then(() => clearTimeout(killer));
  }

  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  launch();
  return done.then((code) => {
    // Whatever the bot left in its group (an answer worker) goes with it.
    killGroup(group, 'SIGKILL');
    return code;
  });
}

function killGroup(group: number | undefined, signal: NodeJS.Signals): void {
  if (group === undefined) return;
  try {
    process.kill(-group, signal);
  } catch {
    // Already gone.
  }
}
