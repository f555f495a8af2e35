/**
 * Malformed platform traffic to the real adapters, from the fixed seed: gateway dispatches to
 * discord.js through the Discord stand-in, and signed Slack requests to Bolt's HTTP receiver;
 * 1,000 of each in the suite, SITREP_TEST_SCALE times as many from `npm run bench` (10,000).
 * Nothing may end the process (a fault that reaches it fails the run), every Slack request gets
 * an HTTP answer, and a valid /status is answered after every batch and at the end.
 */
import { describe, expect, it } from 'vitest';
import { fuzzDiscord } from '../support/discord-fuzz.ts';
import { fuzzSlack } from '../support/slack-fuzz.ts';
import { FUZZ_SEED, TEST_SCALE } from '../support/test-scale.ts';

const CASES = 1000 * TEST_SCALE;

// Real adapters and thousands of requests: a deadline for a loaded machine, and for the scale.
describe('platform fuzzing', { timeout: 600_000 * TEST_SCALE }, () => {
  it(`Discord: ${CASES} malformed gateway dispatches; the bot keeps answering`, async () => {
    const run = await fuzzDiscord({ seed: FUZZ_SEED, cases: CASES });
    expect(run.cases).toBe(CASES);
    expect(run.checks).toBe(CASES / 100 + 1);
    // The cases did reach discord.js's packet handler, and were turned away there.
    expect(run.logged['discord: a gateway event could not be read; skipped']).toBeGreaterThan(CASES / 20);
  });

  it(`Slack: ${CASES} malformed commands, actions, events and submissions; the bot keeps answering`, async () => {
    const run = await fuzzSlack({ seed: FUZZ_SEED, cases: CASES });
    expect(run.cases).toBe(CASES);
    expect(run.checks).toBe(CASES / 250 + 1);
    // Handlers that failed on what they were given were logged, and the bot went on.
    expect(run.logged['slack: unhandled error'] ?? 0).toBeGreaterThan(0);
  });
});
