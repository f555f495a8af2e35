import { describe, expect, it } from 'vitest';
import { digest } from '../../src/core/digest.ts';
import { locationReport } from '../../src/core/location.ts';
import { status } from '../../src/core/status.ts';
import { timeline } from '../../src/core/timeline.ts';
import { createTestServices, TEST_NOW } from '../support/services.ts';

// The seed's newest event is from 30 March 2025; TEST_NOW is 1 April 2025.
const later = new Date('2026-12-02T13:40:00Z');

describe('the age of the data in every answer', () => {
  it('status dates its records by the newest one, and says when it is old', async () => {
    const services = await createTestServices();
    const fresh = await status(services, TEST_NOW);
    expect(fresh.summary).not.toMatch(/Newest record/);
    expect(fresh.footer).toMatch(/ on record · newest 30 Mar 2025 · times in /);
    const old = await status(services, later, 'fr');
    expect(old.summary).toMatch(/\nEnregistrement le plus récent : 30 mars 2025 \(il y a 20 mois\)$/);
    // Today's date is not presented as the date of the data.
    expect(old.footer).not.toMatch(/2 déc/);
  });

  it('location, timeline and digest give the newest record that matches', async () => {
    const services = await createTestServices();
    const here = await locationReport(services, 'Kenscoff', {}, later, 'ht');
    expect(here.summary).toMatch(/\nDènye anrejistreman isit la: 18 mas 2025 \(sa gen 20 mwa\)\n/);
    const list = await timeline(services, { location: 'kenscoff' }, later);
    expect(list.summary).toBe('Newest record: 18 Mar 2025 (20 months ago)');
    expect((await timeline(services, { location: 'kenscoff' }, TEST_NOW)).summary).toBeUndefined();
    const day = await digest(services, { since: '2026-12-01', until: '2026-12-01' }, later);
    expect(day.summary).toMatch(/\nNewest record: 30 Mar 2025 \(20 months ago\)$/);
    const stale = { ...services, settings: { ...services.settings, staleAfterDays: 1000 } };
    expect((await status(stale, later)).summary).not.toMatch(/Newest record/);
  });
});
