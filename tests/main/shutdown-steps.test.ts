/**
 * The shutdown path in one process: steps run last-added first, each bounded by its timeout; a
 * step that hangs is left behind and named, the deadline exits whatever is pending; a second run
 * is the first one. And the process guards: an unhandled rejection is logged and the process
 * keeps serving; an uncaught exception shuts it down with the code the supervisor restarts on.
 */
import { execFile } from 'node:child_process';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { CRASH_EXIT_CODE } from '../../src/process-guards.ts';
import { createShutdown } from '../../src/shutdown.ts';

// biome-ignore lint/suspicious/noExplicitAny: pino's JSON lines
type LogLine = any;

function recorder() {
  const lines: LogLine[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  let exit: (code: number) => void = () => {};
  const exited = new Promise<number>((resolve) => {
    exit = resolve;
  });
  return { lines, log, exit: (code: number) => exit(code), exited };
}

const never = () => new Promise<void>(() => {});

describe('createShutdown', () => {
  it('runs the steps last-added first and exits 0 when all stopped', async () => {
    const r = recorder();
    const order: string[] = [];
    const shutdown = createShutdown({ log: r.log, deadlineMs: 30_000, exit: r.exit });
    shutdown.add('store', () => void order.push('store'));
    shutdown.add('discord', async () => void order.push('discord'));
    shutdown.add('scheduler', () => void order.push('scheduler'));
    expect(shutdown.stopping).toBe(false);
    const first = shutdown.run('SIGTERM');
    expect(shutdown.run('SIGINT')).toBe(first);
    expect(await r.exited).toBe(0);
    expect(order).toEqual(['scheduler', 'discord', 'store']);
    expect(r.lines.filter((l) => l.msg === 'shutting down').map((l) => l.reason)).toEqual(['SIGTERM']);
  });

  it('leaves a step that hangs or throws behind, runs the rest, and exits 1', async () => {
    const r = recorder();
    const order: string[] = [];
    const shutdown = createShutdown({ log: r.log, deadlineMs: 30_000, exit: r.exit });
    shutdown.add('store', () => void order.push('store'));
    shutdown.add('slack', () => {
      throw new Error('receiver not started');
    });
    shutdown.add('discord', never, 50);
    void shutdown.run('SIGTERM');
    expect(await r.exited).toBe(1);
    expect(order).toEqual(['store']);
    const unclean = r.lines.filter((l) => l.msg.endsWith('did not stop cleanly'));
    expect(unclean.map((l) => [l.step, l.outcome])).toEqual([
      ['discord', 'timed out'],
      ['slack', 'failed'],
    ]);
  });

  it('exits at the deadline whatever is pending, and says what was', async () => {
    const r = recorder();
    const shutdown = createShutdown({ log: r.log, deadlineMs: 100, exit: r.exit });
    shutdown.add('store', () => {});
    shutdown.add('discord', never);
    void shutdown.run('SIGTERM');
    expect(await r.exited).toBe(1);
    const line = r.lines.find((l) => l.msg.startsWith('shutdown deadline passed'));
    expect(line?.pending).toEqual(['store', 'discord']);
    expect(line?.msg).toBe('shutdown deadline passed; exiting with store, discord still pending');
  });
});

describe('process guards', () => {
  it('keep serving after an unhandled rejection; shut down with the crash code after an uncaught exception', async () => {
    const script = new URL('../support/process-guard-script.ts', import.meta.url).pathname;
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = execFile(process.execPath, ['--import', 'tsx', script], { timeout: 60_000 }, (_err, _out, err) =>
        resolve({ code: child.exitCode, stderr: err }),
      );
    });
    const lines: LogLine[] = stderr
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.msg)).toEqual([
      'unhandled promise rejection; still serving',
      'still serving',
      'uncaught exception; restarting',
      'shutting down',
      'store closed',
      'stopped',
    ]);
    expect(lines[0].err.message).toBe('nobody awaited this');
    expect(lines[2].err.message).toBe('thrown from a timer');
    expect(code).toBe(CRASH_EXIT_CODE);
  }, 60_000);
});
