/**
 * `sitrep start` as a real process tree, as an operator runs it (`npm start`, or `node
 * bin/sitrep.js start`): its log lines as they come, every process it started (read from
 * /proc, whatever their process group), and a SIGTERM timed to the exit of the whole tree.
 * Also the servers a platform is "unreachable" behind: one that refuses, one that never answers.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';

const root = new URL('../../', import.meta.url).pathname;

// biome-ignore lint/suspicious/noExplicitAny: pino's JSON lines
export type LogLine = any;

export class BotProcess {
  readonly lines: LogLine[] = [];
  readonly process: ChildProcess;
  /** Every pid seen in the tree, so a test can check none is left. */
  readonly seen = new Set<number>();
  private exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  /** `startArgs` follow `start` (`--role slack`); npm passes them after `--`. */
  constructor(how: 'npm' | 'node', env: Record<string, string>, startArgs: string[] = []) {
    const [command, args] =
      how === 'npm'
        ? ['npm', ['start', ...(startArgs.length > 0 ? ['--', ...startArgs] : [])]]
        : [process.execPath, ['bin/sitrep.js', 'start', ...startArgs]];
    // A process group of its own, as a service manager would start it.
    this.process = spawn(command as string, args as string[], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: true,
    });
    this.exited = once(this.process, 'exit').then(([code, signal]) => ({ code, signal }));
    let partial = '';
    this.process.stderr?.on('data', (chunk: Buffer) => {
      const text = partial + chunk.toString('utf8');
      const parts = text.split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) {
        try {
          this.lines.push(JSON.parse(line));
        } catch {
          this.lines.push({ msg: line, raw: true });
        }
      }
      this.track();
    });
  }

  get pid(): number {
    return this.process.pid as number;
  }

  /** The first log line (from index `from`) that matches, within `timeoutMs`. */
  async waitForLine(match: (line: LogLine) => boolean, timeoutMs = 60_000, from = 0): Promise<LogLine> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      this.track();
      const found = this.lines.slice(from).find(match);
      if (found) return found;
      if (this.process.exitCode !== null || this.process.signalCode !== null) {
        throw new Error(`the bot exited before the line; it logged:\n${this.transcript()}`);
      }
      if (Date.now() > deadline) throw new Error(`no such line within ${timeoutMs} ms; logged:\n${this.transcript()}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  waitForMessage(msg: string, timeoutMs?: number, from = 0): Promise<LogLine> {
    return this.waitForLine((l) => l.msg === msg, timeoutMs, from);
  }

  /** Signals the first process (npm, or the supervisor) and times the exit of the tree. */
  async terminate(
    signal: NodeJS.Signals = 'SIGTERM',
    timeoutMs = 30_000,
  ): Promise<{ ms: number; code: number | null; left: number[] }> {
    this.track();
    const started = performance.now();
    this.process.kill(signal);
    const timer = setTimeout(() => this.kill(), timeoutMs);
    const { code } = await this.exited;
    const ms = performance.now() - started;
    clearTimeout(timer);
    return { ms, code, left: this.alive() };
  }

  /** Whatever is left of the tree, killed (cleanup after a failed test). */
  kill(): void {
    for (const pid of [this.pid, ...this.alive()]) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Gone already.
      }
    }
  }

  /** Processes of the tree that still run (zombies count as gone: they have exited). */
  alive(): number[] {
    return [...this.seen].filter((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
      } catch {
        return false;
      }
    });
  }

  transcript(): string {
    return this.lines
      .slice(-40)
      .map((l) => (l.raw ? l.msg : `${l.msg} ${l.err ? l.err.message : ''}`))
      .join('\n');
  }

  /** Adds every descendant of the first process to `seen`. */
  track(): void {
    const parents = new Map<number, number>();
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        parents.set(Number(entry), ppid);
      } catch {
        // Ended while being read.
      }
    }
    this.seen.add(this.pid);
    let grew = true;
    while (grew) {
      grew = false;
      for (const [pid, ppid] of parents) {
        if (this.seen.has(ppid) && !this.seen.has(pid)) {
          this.seen.add(pid);
          grew = true;
        }
      }
    }
  }
}

/** A port where nothing listens: connections are refused. */
export async function refusingPort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

/** A server that accepts connections and never answers: the platform hangs. */
export class HangingServer {
  readonly sockets: Socket[] = [];
  private server: Server = createServer((socket) => {
    socket.on('error', () => {});
    this.sockets.push(socket);
  });

  async start(): Promise<this> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((r) => this.server.close(r));
  }
}
