/** Background work (executor workers, a process that only polls) runs at a lower OS priority. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const moduleUrl = new URL('../../src/process-priority.ts', import.meta.url).href;

describe('lowerPriority', () => {
  it('lowers every thread of the process it runs in to the background nice value', async () => {
    const script = `
      import { readdirSync } from 'node:fs';
      import { getPriority } from 'node:os';
      const { lowerPriority, BACKGROUND_NICE } = await import(${JSON.stringify(moduleUrl)});
      const before = getPriority();
      const lowered = lowerPriority();
      const threads = readdirSync('/proc/self/task').map((tid) => getPriority(Number(tid)));
      console.log(JSON.stringify({ before, lowered, threads, nice: BACKGROUND_NICE }));`;
    const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      timeout: 60_000,
    });
    const result = JSON.parse(stdout.trim()) as { before: number; lowered: boolean; threads: number[]; nice: number };
    expect(result.lowered).toBe(true);
    expect(result.nice).toBe(10);
    expect(result.threads.length).toBeGreaterThan(1);
    // Lowered to 10, never raised: a test run already at a lower priority keeps it.
    for (const priority of result.threads) expect(priority).toBe(Math.max(result.before, result.nice));
  });
});
