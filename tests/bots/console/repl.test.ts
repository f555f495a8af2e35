import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { answerLine, runConsole } from '../../../src/bots/console/repl.ts';
import { silentLogger } from '../../../src/log.ts';
import { createTestServices, TEST_NOW } from '../../support/services.ts';

const deps = { services: await createTestServices(), now: () => TEST_NOW, log: silentLogger() };

describe('local console', () => {
  it('runs slash commands written as in chat', async () => {
    const answer = await answerLine('/timeline location:"pont sonde" from:2025-03-20 limit:5', deps);
    expect(answer).toMatch(/^Timeline: from 20 Mar 2025 · Pont-Sondé/);
    expect(answer).toMatch(/2025-03-25-pont-sonde-ambush/);
    expect(answer).not.toMatch(/2025-02-23-kaetuai-killed/);
  });

  it('takes a line without a slash as a question', async () => {
    expect(await answerLine('what happened near pont sonde?', deps)).toMatch(/^Pont-Sondé: what happened/);
  });

  it('answers mistakes with the problem and the usage, and knows /help and /quit', async () => {
    expect(await answerLine('/timeline colour:red', deps)).toMatch(/colour/);
    expect(await answerLine('/fly', deps)).toMatch(/Unknown command "\/fly"/);
    expect(await answerLine('/help', deps)).toMatch(/\/status/);
    expect(await answerLine('/quit', deps)).toBeUndefined();
  });

  it('reads lines from a stream until /quit', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.on('data', (chunk) => {
      text += String(chunk);
    });
    const done = runConsole(deps, input, output);
    input.write('/status\n/quit\n/status\n');
    await done;
    expect(text.match(/MSS Haiti: mission status/g)).toHaveLength(1);
  });
});
