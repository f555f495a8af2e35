/**
 * One executor worker, as a thread or a process, behind one small interface. From the
 * TypeScript sources (tests, `tsx`) the worker loads them through tsx; the bundle's worker is
 * plain JavaScript.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FromWorker, ToWorker } from './protocol.ts';

/** Threads share the bot's process (less memory, faster start); processes can be niced whole. */
export type WorkerMode = 'thread' | 'process';

export interface WorkerHandle {
  send(message: ToWorker): void;
  /** Ends the worker; `exit` follows. */
  kill(): void;
}

export interface WorkerEvents {
  message(message: FromWorker): void;
  exit(code: number | null, signal: string | null): void;
  error(err: Error): void;
}

const fromSources = (url: URL) => url.pathname.endsWith('.ts');

export function spawnWorker(mode: WorkerMode, url: URL, on: WorkerEvents): WorkerHandle {
  return mode === 'thread' ? spawnThread(url, on) : spawnProcess(url, on);
}

function spawnThread(url: URL, on: WorkerEvents): WorkerHandle {
  // A worker thread does not inherit the parent's module hooks: it registers tsx itself.
  const worker = fromSources(url)
    ? new Worker(
        `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); })`,
        { eval: true },
      )
    : new Worker(url);
  worker.on('message', on.message);
  worker.on('error', on.error);
  worker.on('exit', (code) => on.exit(code, null));
  return {
    send: (message) => worker.postMessage(message),
    kill: () => void worker.terminate(),
  };
}

function spawnProcess(url: URL, on: WorkerEvents): WorkerHandle {
  const child = fork(fileURLToPath(url), [], {
    execArgv: fromSources(url) ? ['--import', import.meta.resolve('tsx')] : [],
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  child.on('message', (message) => on.message(message as FromWorker));
  child.on('error', on.error);
  child.on('exit', on.exit);
  return {
    send: (message) => {
      if (child.connected) child.send(message);
    },
    kill: () => void child.kill(),
  };
}
