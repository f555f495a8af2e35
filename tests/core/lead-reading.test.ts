/**
 * A lead is read with readNamed, not understandQuestion: the fields it keeps (places, day,
 * category, casualties) must be those understandQuestion gave, on every title and summary the
 * tests use, the question corpus, and random text.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { readCasualties } from '../../src/core/lead-casualties.ts';
import { CATEGORY_ORDER, type LeadText, readLead } from '../../src/core/leads.ts';
import { Gazetteer } from '../../src/core/places.ts';
import { understandQuestion } from '../../src/core/question.ts';
import { testSeed } from '../support/services.ts';

const gazetteer = new Gazetteer(testSeed().places);
const timeZone = 'America/Port-au-Prince';
const ctx = { gazetteer, timeZone };
const now = new Date('2025-04-01T12:00:00Z');

/** readLead as it was written on understandQuestion. */
function asQuestions(text: LeadText) {
  const published = text.publishedAt ? new Date(text.publishedAt) : now;
  const reference = Number.isNaN(published.getTime()) ? now : published;
  const title = understandQuestion(text.title, { gazetteer, now: reference, timeZone });
  const summary = text.summary ? understandQuestion(text.summary, { gazetteer, now: reference, timeZone }) : undefined;
  const placeIds = [...new Set([title.place?.id, summary?.place?.id].filter((id): id is string => id !== undefined))];
  const kinds = [...(title.kinds ?? []), ...(summary?.kinds ?? [])];
  const localDay = DateTime.fromJSDate(reference, { zone: timeZone }).toISODate() ?? undefined;
  const window = title.window ?? summary?.window;
  const named = window && window.from === window.until && localDay && window.from <= localDay ? window.from : undefined;
  return {
    placeIds,
    occurredOn: named ?? localDay,
    category: CATEGORY_ORDER.find((c) => kinds.includes(c)),
    casualties: readCasualties(`${text.title}. ${text.summary ?? ''}`),
  };
}

function testFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? testFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Every quoted title and summary of the tests, and the corpus's questions. */
const texts = [
  ...new Set([
    ...testFiles('tests').flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/(?:title|summary): '((?:[^'\\\n]|\\.)+)'/g)].map((m) =>
        (m[1] as string).replace(/\\(.)/g, '$1'),
      ),
    ),
    ...(JSON.parse(readFileSync('tests/core/question-corpus.json', 'utf8')) as { q: string }[]).map((e) => e.q),
  ]),
];
const published = ['2025-03-26T14:00:00Z', '2025-03-02T03:30:00Z', '2024-12-31T23:00:00Z', undefined];

describe('readLead reads what understandQuestion read', () => {
  it('has the tests’ titles and summaries to compare', () => {
    expect(texts.length).toBeGreaterThan(300);
  });

  it('each text as a title, published on several days or not at all', () => {
    for (const title of texts)
      for (const publishedAt of published) {
        const text = { title, publishedAt };
        expect(readLead(text, now, ctx), title).toEqual(asQuestions(text));
      }
  });

  it('each text with the next one as its summary', () => {
    texts.forEach((title, i) => {
      const text = { title, summary: texts[(i + 1) % texts.length], publishedAt: published[i % 3] };
      expect(readLead(text, now, ctx), title).toEqual(asQuestions(text));
    });
  });

  it('random words of the tests and random text', () => {
    const words = [...new Set(texts.flatMap((t) => t.split(/\s+/)))];
    const phrase = fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 14 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(fc.oneof(phrase, fc.string({ maxLength: 120 })), fc.option(phrase), (title, summary) => {
        const text = { title, summary: summary ?? undefined, publishedAt: '2025-03-26T14:00:00Z' };
        expect(readLead(text, now, ctx)).toEqual(asQuestions(text));
      }),
      { numRuns: 300 },
    );
  });
});
