/**
 * The question corpus (question-corpus.json): questions in English, French and Haitian Creole,
 * with typos, each with the intent and slots it must yield. A slot a row does not name must be
 * empty, so a question that gains a stray place, person or figure fails.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Gazetteer } from '../../src/core/places.ts';
import { understandQuestion } from '../../src/core/question.ts';
import { createQuestionVocabulary, peopleOf } from '../../src/core/question-vocabulary.ts';
import { EXAMPLES } from '../../src/core/question-words.ts';
import { loadSeedData } from '../../src/data/load.ts';

interface Row {
  q: string;
  intent: string;
  lang: string;
  section: string;
  asked?: string;
  place?: string;
  placeText?: string;
  corrected?: boolean;
  outside?: boolean;
  radius?: number;
  radiusDefaulted?: boolean;
  from?: string;
  until?: string;
  figure?: string;
  people?: string[];
  actors?: string[];
  categories?: string[];
  kinds?: string[];
  groups?: string[];
  claimPlace?: string;
  claimFrom?: string;
  claimUntil?: string;
}

const rows: Row[] = JSON.parse(readFileSync(new URL('./question-corpus.json', import.meta.url), 'utf8'));
const seed = loadSeedData();
const gazetteer = new Gazetteer(seed.places);
const vocabulary = createQuestionVocabulary({
  actors: seed.actors,
  indicators: seed.indicators,
  people: peopleOf(seed.events),
});
/** Wednesday 26 March 2025, 11:00 in Haiti. */
const context = { gazetteer, now: new Date('2025-03-26T15:00:00Z'), timeZone: 'America/Port-au-Prince', vocabulary };

/** What a question yielded, in the corpus's terms. */
function read(text: string): Row {
  const q = understandQuestion(text, context);
  const subject = q.places.find((p) => p.place === q.place);
  const out: Row = { q: text, intent: q.intent, lang: q.language, section: '' };
  if (q.asked) out.asked = q.asked;
  if (q.place) out.place = q.place.id;
  else if (q.placeText) out.placeText = q.placeText;
  if (subject?.corrected) out.corrected = true;
  if (subject?.outside) out.outside = true;
  if (q.radiusKm !== undefined) out.radius = q.radiusKm;
  if (q.radiusDefaulted) out.radiusDefaulted = true;
  if (q.window) [out.from, out.until] = [q.window.from, q.window.until];
  if (q.figures[0]) out.figure = q.figures[0].key;
  if (q.people.length) out.people = q.people.map((p) => p.person.name);
  if (q.actors.length) out.actors = q.actors.map((a) => a.actor.id);
  if (q.categories.length) out.categories = q.categories;
  if (q.casualtyKinds.length) out.kinds = q.casualtyKinds;
  if (q.groups.length) out.groups = q.groups;
  if (q.asserted?.place) out.claimPlace = q.asserted.place.place.id;
  if (q.asserted?.period) [out.claimFrom, out.claimUntil] = [q.asserted.period.from, q.asserted.period.until];
  return out;
}

/** Categories, casualty kinds and groups are checked when a row names them; every other slot always. */
const CHECKED_WHEN_NAMED = ['categories', 'kinds', 'groups'] as const;

describe('question corpus', () => {
  it('holds at least 200 questions in each of the three languages, and every section', () => {
    expect(rows.length).toBeGreaterThanOrEqual(200);
    for (const lang of ['en', 'fr', 'ht']) expect(rows.filter((r) => r.lang === lang).length).toBeGreaterThan(40);
    const intents = new Set(rows.map((r) => r.intent));
    expect([...intents].sort()).toEqual(
      ['casualties', 'claim', 'event', 'figure', 'future', 'people', 'place-report', 'timeline', 'unknown'].sort(),
    );
  });

  it.each(rows.map((r) => [r.section, r.q, r] as const))('%s: "%s"', (_section, text, row) => {
    const got = read(text);
    const expected: Row = { ...row, section: '' };
    for (const key of CHECKED_WHEN_NAMED) if (!(key in row)) delete got[key];
    expect(got).toEqual(expected);
  });
});

describe('the examples offered for a question that could not be read', () => {
  it.each(Object.entries(EXAMPLES))('%s: each works, in that language', (lang, examples) => {
    expect(examples.map((e) => [read(e).intent, read(e).lang])).toEqual([
      ['place-report', lang],
      ['figure', lang],
      ['people', lang],
    ]);
  });
});
