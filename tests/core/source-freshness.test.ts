/** How fresh the sources are, said under the age line: failing and paused first, the rest counted. */
import { describe, expect, it } from 'vitest';
import { messagesFor } from '../../src/core/i18n/messages.ts';
import type { Source } from '../../src/core/intake-port.ts';
import { sourceFreshnessLine } from '../../src/core/source-freshness.ts';

const base = (id: number, url: string, more: Partial<Source> = {}): Source => ({
  id,
  url,
  kind: 'rss',
  intervalSeconds: 900,
  addedBy: 'test',
  addedAt: '2026-11-01T00:00:00.000Z',
  paused: false,
  nextPollAt: '2026-12-02T00:00:00.000Z',
  failures: 0,
  ...more,
});
const zone = 'America/Port-au-Prince';

describe('source freshness line', () => {
  it('says nothing without sources', () => {
    expect(sourceFreshnessLine([], zone, messagesFor('en'))).toBeUndefined();
  });

  it('names failing and paused sources first, then the longest silent, and counts the rest', () => {
    const sources = [
      base(1, 'https://www.good.example.org/rss', { lastDeliveredAt: '2026-12-02T15:00:00.000Z' }),
      base(2, 'https://down.example.org/rss', { failures: 3, failingSince: '2026-11-30T13:00:00.000Z' }),
      base(3, 'https://old.example.org/rss', { lastDeliveredAt: '2026-11-20T15:00:00.000Z' }),
      base(4, 'https://stopped.example.org/rss', { paused: true, failures: 8 }),
      base(5, 'https://new.example.org/rss'),
    ];
    expect(sourceFreshnessLine(sources, zone, messagesFor('en'))).toBe(
      'Sources: stopped.example.org paused · down.example.org failing since 30 Nov 2026, 08:00 · new.example.org nothing delivered yet · +2 more',
    );
    expect(sourceFreshnessLine(sources.slice(0, 3), zone, messagesFor('fr'))).toBe(
      'Sources : down.example.org : en échec depuis le 30 nov. 2026, 08:00 · old.example.org : dernière livraison 20 nov. 2026, 10:00 · good.example.org : dernière livraison 2 déc. 2026, 10:00',
    );
    expect(sourceFreshnessLine(sources.slice(1, 2), zone, messagesFor('ht'))).toBe(
      'Sous yo: down.example.org: ap echwe depi 30 novanm 2026, 08:00',
    );
  });
});
