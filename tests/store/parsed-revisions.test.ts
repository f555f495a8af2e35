import { describe, expect, it } from 'vitest';
import { createParsedRevisions } from '../../src/store/parsed-revisions.ts';

const json = (id: string) => JSON.stringify({ id, sources: [{ publisher: 'AP' }], casualties: [] });

describe('parsed revisions', () => {
  it('reads and parses a revision once while it is kept', () => {
    const parsed = createParsedRevisions(10);
    let reads = 0;
    const read = () => {
      reads += 1;
      return json('a');
    };
    const first = parsed.get(1, read);
    const second = parsed.get(1, read);
    expect(reads).toBe(1);
    expect(second).toBe(first);
    expect(first.id).toBe('a');
  });

  it('drops the least recently used revision beyond its capacity', () => {
    const parsed = createParsedRevisions(2);
    const reads: number[] = [];
    const get = (row: number) =>
      parsed.get(row, () => {
        reads.push(row);
        return json(`e${row}`);
      });
    get(1);
    get(2);
    get(1); // 1 is now the most recently used, so 2 goes first
    get(3);
    expect(parsed.size).toBe(2);
    get(1);
    get(2);
    expect(reads).toEqual([1, 2, 3, 2]);
  });

  it('hands out frozen events, so one caller cannot change what another reads', () => {
    const parsed = createParsedRevisions(10);
    const event = parsed.get(7, () => json('x'));
    expect(() => {
      (event as { summary?: string }).summary = 'changed';
    }).toThrow(TypeError);
    expect(() => (event.sources as unknown[]).push({})).toThrow(TypeError);
    expect(Object.isFrozen(event.sources[0])).toBe(true);
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => createParsedRevisions(0)).toThrow(/positive integer, got 0/);
    expect(() => createParsedRevisions(1.5)).toThrow(/positive integer/);
  });
});
