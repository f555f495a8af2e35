import { describe, expect, it } from 'vitest';
import { dataAgeLine } from '../../src/core/data-age.ts';
import { messagesFor } from '../../src/core/i18n/messages.ts';

const timeZone = 'America/Port-au-Prince';
const now = new Date('2026-12-02T13:40:00Z');

describe('dataAgeLine', () => {
  it('says how old the newest record is, in each language', () => {
    expect(dataAgeLine('2025-03-30', now, messagesFor('en'), { timeZone, scope: 'here' })).toBe(
      'Newest record here: 30 Mar 2025 (20 months ago)',
    );
    expect(dataAgeLine('2025-03-30', now, messagesFor('fr'), { timeZone, scope: 'here' })).toBe(
      'Enregistrement le plus récent ici : 30 mars 2025 (il y a 20 mois)',
    );
    expect(dataAgeLine('2025-03-30', now, messagesFor('ht'), { timeZone })).toBe(
      'Dènye anrejistreman: 30 mas 2025 (sa gen 20 mwa)',
    );
  });

  it('says nothing while the data is fresh, and speaks once it passes the threshold', () => {
    const en = messagesFor('en');
    expect(dataAgeLine('2026-11-18', now, en, { timeZone })).toBeUndefined();
    expect(dataAgeLine('2026-11-17', now, en, { timeZone })).toBe('Newest record: 17 Nov 2026 (15 days ago)');
    expect(dataAgeLine('2026-11-17', now, en, { timeZone, staleAfterDays: 30 })).toBeUndefined();
    expect(dataAgeLine('2026-12-03', now, en, { timeZone })).toBeUndefined();
    expect(dataAgeLine(undefined, now, en, { timeZone })).toBeUndefined();
  });

  it('counts days, then months, then years, with plural rules', () => {
    const en = messagesFor('en');
    expect(dataAgeLine('2026-10-01', now, en, { timeZone })).toBe('Newest record: 1 Oct 2026 (2 months ago)');
    expect(dataAgeLine('2026-10-05', now, en, { timeZone })).toBe('Newest record: 5 Oct 2026 (58 days ago)');
    expect(dataAgeLine('2025-11-02', now, en, { timeZone })).toBe('Newest record: 2 Nov 2025 (13 months ago)');
    expect(dataAgeLine('2023-07-11', now, en, { timeZone })).toBe('Newest record: 11 Jul 2023 (3 years ago)');
    expect(dataAgeLine('2024-12-01', now, messagesFor('fr'), { timeZone })).toBe(
      'Enregistrement le plus récent : 1er déc. 2024 (il y a 2 ans)',
    );
  });

  it('reads a timestamp as its local day and a month as its last day', () => {
    const en = messagesFor('en');
    // 02:00 UTC on 31 March is still 30 March in Port-au-Prince.
    expect(dataAgeLine('2025-03-31T02:00:00.000Z', now, en, { timeZone })).toBe(
      'Newest record: 30 Mar 2025 (20 months ago)',
    );
    expect(dataAgeLine('2026-11', now, en, { timeZone })).toBeUndefined();
    expect(dataAgeLine('2025-03', now, en, { timeZone })).toBe('Newest record: Mar 2025 (20 months ago)');
    expect(dataAgeLine('not a date', now, en, { timeZone })).toBeUndefined();
  });
});
