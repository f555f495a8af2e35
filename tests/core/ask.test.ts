import { beforeAll, describe, expect, it } from 'vitest';
import { ask } from '../../src/core/ask.ts';
import type { Services } from '../../src/core/services.ts';
import { createTestServices, TEST_NOW } from '../support/services.ts';

describe('ask', () => {
  let services: Services;
  beforeAll(async () => {
    services = await createTestServices();
  });

  it.each([
    ['what happened near pont sonde?', 'Pont-Sondé'],
    ['What happened in Kenscoff?', 'Kenscoff'],
    ['any news from PONT-SONDÉ', 'Pont-Sondé'],
    ['attaques à Kenscoff', 'Kenscoff'],
    ['sa k pase Ponsonde', 'Pont-Sondé'],
    ['casualties in Artibonite', 'Artibonite'],
  ])('"%s" is answered with the report on %s', async (question, place) => {
    const view = await ask(services, question, TEST_NOW);
    expect(view.kind).toBe('location');
    // Answered in the language the question is written in.
    const [title, understood] = /attaques/.test(question)
      ? [`${place} : ce qui s’est passé`, 'Question']
      : /sa k pase/.test(question)
        ? [`${place}: sa ki te pase`, 'Kesyon']
        : [`${place}: what happened`, 'Question'];
    expect(view.title).toBe(title);
    // How the question was read comes last, where the reader ends.
    expect(view.sections.at(-1)?.heading).toBe(understood);
  });

  it('a question it cannot read says so and gives three examples', async () => {
    await expect(ask(services, 'blorp?', TEST_NOW)).rejects.toThrow(
      /could not tell what you are asking.*"what happened near Pont-Sondé last week\?", "how many Kenyan police are deployed\?", "who is missing\?"/,
    );
    await expect(ask(services, 'kisa blorp?', TEST_NOW)).rejects.toThrow(/"kiyès ki disparèt\?"/);
  });

  it('a question with no place and nothing narrower gets the latest events', async () => {
    const view = await ask(services, 'what is going on?', TEST_NOW);
    expect(view.kind).toBe('timeline');
    expect(view.sections.at(-1)?.fields?.[0]?.value).toBe('events.');
  });

  it('a misspelt place is answered, saying which place was meant', async () => {
    const view = await ask(services, 'what happened in Kenscof?', TEST_NOW);
    expect(view.title).toBe('Kenscoff: what happened');
    expect(view.sections.at(-1)?.fields?.[0]?.value).toMatch(
      /^Did you mean: Kenscoff\? Kenscoff \(read from "kenscof"\), Ouest, any date\.$/,
    );
  });

  it("says what it understood in the answer's language, every word from its catalogue", async () => {
    const line = async (question: string, explicit?: string) =>
      (await ask(services, question, TEST_NOW, { explicit })).sections.at(-1)?.fields?.[0]?.value;
    expect(await line('sa k pase Ponsonde?')).toBe('Pont-Sondé, Artibonite, nenpòt dat.');
    expect(await line('atak toupre Ponsonde depi 18 mas')).toBe(
      'Pont-Sondé, Artibonite, toupre (nan 10 km), 18 mas 2025 – 1 avril 2025; atak.',
    );
    expect(await line('attaques près de Pont-Sondé du 18 au 25 mars')).toBe(
      'Pont-Sondé, Artibonite, près (dans un rayon de 10 km), 18–25 mars 2025; attaque.',
    );
    expect(await line('attaques à Kenscoff en février')).toBe('Kenscoff, Ouest, févr. 2025; attaque.');
    expect(await line('what happened in Kenscoff?', 'fr')).toBe('Kenscoff, Ouest, toutes dates.');
    expect(await line('how many Kenyans were killed', 'ht')).toMatch(/^viktim \(konbyen\): .*; mouri\./);
  });

  it('an unknown place gets the closest names', async () => {
    await expect(ask(services, 'what happened in Kensco?', TEST_NOW)).rejects.toThrow(/Did you mean: Kenscoff/);
  });
});

describe('ask narrows by the kind of event asked about', () => {
  let services: Services;
  beforeAll(async () => {
    services = await createTestServices();
  });

  it('"attacks near Pont-Sondé" lists attacks only and says so', async () => {
    const view = await ask(services, 'attacks near Pont-Sondé', TEST_NOW);
    const ids = view.sections.flatMap((s) => s.items ?? []).map((i) => i.id);
    expect(ids).toContain('2025-03-25-pont-sonde-ambush');
    expect(ids).not.toContain('2025-02-23-kaetuai-killed'); // a clash, not an attack
    expect(view.summary).toMatch(/attack only/);
  });

  it('"how many killed in Artibonite" counts them first, the unknown as unknown, then the records', async () => {
    const view = await ask(services, 'how many killed in Artibonite', TEST_NOW);
    expect(view.summary).toMatch(/^In Artibonite: 1 MSS member killed; gang members killed: unknown \(1 report\)/);
    expect(view.summary).toMatch(/, the latest on 25 Mar 2025/);
    expect(view.sections.flatMap((s) => s.items ?? []).map((i) => i.id)).toContain('2025-02-23-kaetuai-killed');
  });

  it('"killed near Pont-Sondé" keeps every event and points to the totals', async () => {
    const view = await ask(services, 'killed near Pont-Sondé', TEST_NOW);
    expect(view.sections.flatMap((s) => s.items ?? []).map((i) => i.id)).toContain('2025-02-23-kaetuai-killed');
    expect(view.sections.at(-1)?.fields?.[0]?.value).toMatch(/Casualty totals are under/);
  });
});
