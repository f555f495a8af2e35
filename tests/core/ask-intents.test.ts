/**
 * /ask with the questions of every intent: each reaches its answer (or a plain line saying
 * what is out of reach), ends with what was understood, and hostile text gets a helpful line,
 * never a crash, and changes nothing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ask } from '../../src/core/ask.ts';
import { isUserError } from '../../src/core/errors.ts';
import { locationReport } from '../../src/core/location.ts';
import type { View } from '../../src/core/view.ts';
import { createTestServices, TEST_NOW } from '../support/services.ts';

const services = await createTestServices();
/** The "Understood: …" line, in the answer's last section. */
const understood = (view: View) => view.sections.at(-1)?.fields?.[0]?.value ?? '';
const ids = (view: View) => view.sections.flatMap((s) => s.items ?? []).map((i) => i.id);
const field = (view: View, heading: string, label: string) =>
  view.sections.find((s) => s.heading.startsWith(heading))?.fields?.find((f) => f.label === label)?.value;

describe('ask reaches an answer for every intent', () => {
  it('a figure question leads with the figure, its date and source', async () => {
    const view = await ask(services, 'how many officers are deployed', TEST_NOW);
    expect(view.summary).toMatch(/^Kenyan police deployed: at least 800 \(as of Mar 2025; source: Seed news report/);
    expect(understood(view)).toMatch(/^figure: Kenyan police deployed/);
  });

  it('"how many Kenyans were killed" is read as MSS casualties, not as the place Canaan', async () => {
    const view = await ask(services, 'how many Kenyans were killed', TEST_NOW);
    expect(view.summary).toMatch(/^1 MSS member killed \(MSS Kenyan police contingent\), the latest on 23 Feb 2025/);
    expect(understood(view)).toMatch(/casualties \(how many\): MSS Kenyan police contingent; killed/);
    expect(ids(view)).toEqual(['2025-02-23-kaetuai-killed']);
  });

  it('"when did Ariel Henry resign" and "when was president Moïse assassinated?" lead with the date', async () => {
    const henry = await ask(services, 'when did Ariel Henry resign', TEST_NOW);
    expect(henry.summary).toMatch(/^Apr 2024: Acting Prime Minister Ariel Henry resigns/);
    expect(ids(henry)).toContain('2024-04-henry-resigns');
    const moise = await ask(services, 'when was president Moïse assassinated?', TEST_NOW);
    expect(moise.summary).toMatch(/^7 Jul 2021: President Jovenel Moïse is assassinated/);
    // The seed report's wrong year is said beside the answer, with its source.
    expect(moise.summary).toMatch(/Date \(superseded\): 2023 — Seed news report/);
    expect(understood(moise)).toMatch(/event \(when\): Jovenel Moïse; assassination/);
  });

  it('"Moise assassination in 2023" says no: the record dates it 2021, and the report that said 2023', async () => {
    const view = await ask(services, 'Moise assassination in 2023', TEST_NOW);
    expect(view.summary).toMatch(/^No: the assassination at Pétion-Ville, Ouest is recorded on 7 Jul 2021/);
    expect(view.summary).toMatch(/2023 — Seed news report/);
    expect(understood(view)).toMatch(/claim to check: Jovenel Moïse; assassination; said to be in 2023/);
  });

  it('"Pont-Sondé in Port-au-Prince" says no, where the record places it, and the corrected claim', async () => {
    const view = await ask(services, 'Pont-Sondé in Port-au-Prince', TEST_NOW);
    expect(view.summary).toMatch(/^No: .* recorded at Carrefour Paye–Savien main supply route, Saint-Marc, Artibonite/);
    expect(view.summary).toMatch(/about 95 km \(60 miles\) north of Port-au-Prince/);
    expect(understood(view)).toMatch(/said to be in Port-au-Prince/);
  });

  it('"who is missing?" names the missing officer, the date and the source', async () => {
    const view = await ask(services, 'who is missing?', TEST_NOW);
    expect(view.summary).toMatch(
      /^1 MSS member missing: Kenyan officer unaccounted for.*25 Mar 2025.*source: MSS statement/,
    );
    expect(ids(view)).toEqual(['2025-03-25-pont-sonde-ambush']);
  });

  it('"anything near Liancourt?" looks around Liancourt and finds the ambush, saying the radius', async () => {
    const view = await ask(services, 'anything near Liancourt?', TEST_NOW);
    expect(understood(view)).toBe('Liancourt, Artibonite, near (within 10 km), any date.');
    expect(ids(view)).toContain('2025-03-25-pont-sonde-ambush');
  });

  it('a question with no place about kinds of event gets the timeline', async () => {
    const view = await ask(services, 'kidnappings this month', TEST_NOW);
    expect(view.kind).toBe('timeline');
    // This month, on its first day, is one day so far.
    expect(view.title).toBe('Timeline: on 1 Apr 2025 · kidnapping');
  });

  it('the future is out of reach, said plainly', async () => {
    await expect(ask(services, 'what will happen in Pont-Sondé next week?', TEST_NOW)).rejects.toThrow(
      /records what has happened; nothing is recorded after 25 Mar 2025\. Understood: the future: Pont-Sondé, Artibonite; 7–13 Apr 2025/,
    );
  });

  it("a question it cannot read gets three examples in the asker's language", async () => {
    await expect(ask(services, 'est-ce que tu es là', TEST_NOW)).rejects.toThrow(/"qui est porté disparu \?"/);
  });
});

describe('location shares the place resolver with ask', () => {
  it.each([
    ['Pon Sonde', 'Pont-Sondé'],
    ['Senmak', 'Saint-Marc'],
    ['Mirbalè', 'Mirebalais'],
    ['Belo', 'Belot'],
  ])('location "%s" is read as %s, and says so', async (text, name) => {
    const view = await locationReport(services, text, {}, TEST_NOW);
    expect(view.title).toBe(`${name}: what happened`);
    expect(view.sections[0]?.fields?.[0]?.value).toMatch(new RegExp(`^Read ".+" as ${name}\\.$`));
    expect((await ask(services, text, TEST_NOW)).title).toBe(`${name}: what happened`);
  });

  it.each(['Nairobi', 'New York'])('location %s is outside Haiti, never "In: Haiti"', async (text) => {
    const view = await locationReport(services, text, {}, TEST_NOW);
    expect(field(view, 'Where', 'In')).toBe('Outside Haiti (beyond the gazetteer of Haiti)');
  });
});

describe('ask on hostile text', () => {
  const hostile = [
    '',
    '   ',
    'x'.repeat(10_000),
    `Pont-Sondé ${'a '.repeat(5_000)}`,
    "'; DROP TABLE events; --",
    "1' OR '1'='1",
    '<@123> <@!456> <#789> @everyone @here',
    '🙂🙂🙂 🔥',
    '\u0000\u202e\u200b',
    '<script>alert(1)</script>',
    "how many <@123> were killed in '; DELETE FROM events; --",
    'who is @everyone?',
    `was the ${'ambush '.repeat(2_000)} in Port-au-Prince?`,
    'combien de 🔥🔥 déplacés ?',
  ];

  it.each(hostile.map((h) => [h.slice(0, 30), h]))(
    '"%s…" gets a helpful line or an answer, and changes nothing',
    async (_, text) => {
      const before = await services.store.countEvents({});
      try {
        const view = await ask(services, text, TEST_NOW);
        expect(view.sections.at(-1)?.fields?.[0]?.label).toMatch(/^(Understood|Compris|Nou konprann)$/);
        expect(JSON.stringify(view)).not.toMatch(/@everyone|@here|<@|<script/);
      } catch (err) {
        expect(isUserError(err)).toBe(true);
        expect((err as Error).message).not.toMatch(/@everyone|@here|<@|<script/);
        expect((err as Error).message.length).toBeLessThan(400);
      }
      expect(await services.store.countEvents({})).toBe(before);
    },
  );

  it('any text: a View or a UserError, never anything else', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 300, unit: 'grapheme' }), async (text) => {
        try {
          await ask(services, text, TEST_NOW);
        } catch (err) {
          if (!isUserError(err)) throw err;
        }
      }),
      { numRuns: 200 },
    );
  });
});
