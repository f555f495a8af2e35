import { describe, expect, it } from 'vitest';
import type { Caller } from '../../src/commands/command-types.ts';
import { FALLBACK, failedAnswer, STOPPING } from '../../src/executor/index.ts';

const caller = (locale?: string): Caller => ({ platform: 'discord', userId: 'U1', locale });

describe('a command job that could not be answered', () => {
  it('is told privately, in the language of the caller’s locale (English otherwise)', () => {
    expect(failedAnswer('fallback', caller('en-US')).view.summary).toBe(FALLBACK);
    expect(failedAnswer('restarting').view.summary).toBe(STOPPING);
    const french = failedAnswer('restarting', caller('fr'));
    expect(french).toMatchObject({ private: true, failed: true, view: { kind: 'error', language: 'fr' } });
    expect(french.view.summary).not.toBe(STOPPING);
    expect(french.view.summary).toMatch(/redémarre/);
    expect(failedAnswer('fallback', caller('pt-BR')).view.language).toBe('en');
  });
});
