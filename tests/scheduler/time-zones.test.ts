import { describe, expect, it } from 'vitest';
import { isUserError } from '../../src/core/errors.ts';
import { resolveTimeZone } from '../../src/scheduler/time-zones.ts';

function errorOf(text: string) {
  try {
    resolveTimeZone(text);
  } catch (err) {
    if (isUserError(err)) return err;
    throw err;
  }
  throw new Error(`"${text}" was accepted`);
}

describe('resolveTimeZone', () => {
  it('accepts IANA names however they are cased or spaced, and city names', () => {
    expect(resolveTimeZone('America/Port-au-Prince')).toBe('America/Port-au-Prince');
    expect(resolveTimeZone('america/port_au_prince')).toBe('America/Port-au-Prince');
    expect(resolveTimeZone('Port au Prince')).toBe('America/Port-au-Prince');
    expect(resolveTimeZone('new york')).toBe('America/New_York');
    expect(resolveTimeZone('Europe/Paris')).toBe('Europe/Paris');
    expect(resolveTimeZone('UTC')).toBe('UTC');
  });

  it('suggests close names for a misspelt zone', () => {
    const err = errorOf('America/Port-au-Prnce');
    expect(err.suggestions).toContain('America/Port-au-Prince');
    expect(err.message).toMatch(/Unknown time zone "America\/Port-au-Prnce"\. Did you mean: .*America\/Port-au-Prince/);
    expect(errorOf('Europe/Pari').suggestions).toContain('Europe/Paris');
    expect(errorOf('new yrok').suggestions).toContain('America/New_York');
  });

  it('explains what a time zone looks like when nothing is close', () => {
    const err = errorOf('the moon');
    expect(err.suggestions).toEqual([]);
    expect(err.message).toContain('Use an IANA name such as America/Port-au-Prince');
  });
});
