import { beforeAll, describe, expect, it } from 'vitest';
import { status } from '../../src/core/status.ts';
import type { View, ViewField } from '../../src/core/view.ts';
import { createTestServices, TEST_NOW } from '../support/services.ts';

function field(view: View, section: string, label: string): ViewField {
  const found = view.sections.find((s) => s.heading === section)?.fields?.find((f) => f.label === label);
  if (!found) throw new Error(`no field ${section} / ${label}`);
  return found;
}

describe('status on the seed data', () => {
  let view: View;
  beforeAll(async () => {
    view = await status(await createTestServices(), TEST_NOW);
  });

  it('gives personnel deployed against expected, each with date and source', async () => {
    const deployed = field(view, 'Personnel', 'Deployed (Kenyan police)');
    expect(deployed.value).toBe('at least 800');
    expect(deployed.asOf).toBe('2025-03');
    expect(deployed.sources?.[0]?.publisher).toMatch(/Seed news report/);
    expect(field(view, 'Personnel', 'Expected in total').value).toBe('2,500');
    expect(field(view, 'Personnel', 'Share of the expected force').value).toBe('at least 32 %');
  });

  it('lists pledged and contributing countries', async () => {
    expect(field(view, 'Countries', 'Pledged countries').value).toBe(
      '6: Bahamas, Guatemala, Bangladesh, Barbados, Benin, Chad',
    );
    expect(field(view, 'Countries', 'Contributing countries').value).toMatch(/Kenya, Jamaica, Belize, El Salvador/);
  });

  it('counts MSS casualties by kind and marks the disputed ones', async () => {
    const killed = field(view, 'MSS casualties to date', 'Killed');
    expect(killed.value).toBe('1');
    expect(killed.disputed).toBeUndefined();
    expect(killed.asOf).toBe('2025-02-23');
    expect(killed.sources?.map((s) => s.publisher)).toContain('The New York Times, citing a Kenya police statement');
    const injured = field(view, 'MSS casualties to date', 'Injured');
    expect(injured.value).toBe('1 (1 from disputed reports)');
    expect(injured.disputed).toBe(true);
    expect(field(view, 'MSS casualties to date', 'Missing').value).toBe('1 (1 from disputed reports)');
  });

  it('lists the latest incidents newest first, disputed marked', async () => {
    const items = view.sections.find((s) => s.heading === 'Latest incidents')?.items ?? [];
    expect(items.map((i) => i.id)).toEqual([
      '2025-03-25-pont-sonde-ambush',
      '2025-03-18-kenyan-officer-shot',
      '2025-02-23-kaetuai-killed',
      '2021-07-07-moise-assassinated',
    ]);
    expect(items[1]?.badges).toContain('disputed');
    expect(items[1]?.claims?.join('\n')).toMatch(/Kenscoff[\s\S]*Pont-Sondé/);
    expect(items[3]?.badges).toContain('corrected');
    expect(items[3]?.claims?.[0]).toMatch(/^Date \(superseded\): 2023/);
  });

  it('shows the humanitarian figures, both sources of the 2024 death toll', async () => {
    const killed2024 = field(view, 'Security and humanitarian figures', 'People killed in gang violence in 2024');
    expect(killed2024.value).toMatch(/more than 5,500 .*5,601/);
    expect(killed2024.sources).toHaveLength(2);
    expect(field(view, 'Security and humanitarian figures', 'People displaced by the violence').value).toBe(
      'more than 1,000,000',
    );
  });
});
