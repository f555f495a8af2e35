/**
 * Casualty numbers as news writes them, in English, French and Haitian Creole: "kills 12",
 * "at least 5 people were injured", "au moins 10 morts", "15 moun mouri", "kidnapped 3 nuns".
 * A reading, not a record: whoever records the lead checks it.
 */
import { normalizeName } from './places.ts';
import type { Casualty, CasualtyGroup, CasualtyKind } from './schemas.ts';

const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  dozens: 24,
  dozen: 12,
  un: 1,
  une: 1,
  deux: 2,
  trois: 3,
  quatre: 4,
  cinq: 5,
  sept: 7,
  huit: 8,
  neuf: 9,
  dix: 10,
  douze: 12,
  vingt: 20,
  de: 2,
  twa: 3,
  kat: 4,
  senk: 5,
  set: 7,
  uit: 8,
  nef: 9,
  dis: 10,
};

const KIND_OF: Array<[RegExp, CasualtyKind]> = [
  [/^(kill(s|ed|ing)?|dead|deaths?|died|tue(s|e|es)?|morts?|deces|mouri|touye)$/, 'killed'],
  [/^(injur(ed|es|ing)|wound(s|ed|ing)?|hurt|blesse(s|e|es)?|blese)$/, 'injured'],
  [/^(missing|disparus?|disparues?|disparet)$/, 'missing'],
  [/^(kidnap(s|ped|ping)?|abduct(s|ed|ing)?|enleve(s|e|es)?|kidnape|anlve)$/, 'captured'],
];

const GROUP_OF: Array<[RegExp, CasualtyGroup]> = [
  [/^(mss|kenyan|kenyans|kenyens?)$/, 'mss'],
  [/^(police|policemen|officers?|policiers?|agents?|pnh|hnp|polis)$/, 'police'],
  [/^(gang|gangs|gangsters?|bandits?|members?|bandi)$/, 'gang'],
  [/^(soldiers?|soldats?|militaires?|fadh|solda)$/, 'military'],
  [
    /^(civilians?|civils?|residents?|habitants?|people|personnes?|persons?|moun|sivil|nuns|children|enfants|timoun)$/,
    'civilian',
  ],
];

const QUALIFIERS: Record<string, Casualty['qualifier']> = {
  'at least': 'at-least',
  'more than': 'at-least',
  over: 'at-least',
  'au moins': 'at-least',
  'plus de': 'at-least',
  omwen: 'at-least',
  'plis pase': 'at-least',
  about: 'about',
  around: 'about',
  nearly: 'about',
  environ: 'about',
  'pres de': 'about',
  apeprè: 'about',
  apepre: 'about',
};

const FILLER = new Set([
  'were',
  'was',
  'have',
  'has',
  'been',
  'are',
  'ont',
  'ete',
  'sont',
  'te',
  'ki',
  'other',
  'autres',
  'lot',
  'haitian',
  'haitiens',
  'armed',
  'armes',
  'police',
  'gang',
]);

const kindOf = (w: string) => KIND_OF.find(([p]) => p.test(w))?.[1];
const groupOf = (w: string) => GROUP_OF.find(([p]) => p.test(w))?.[1];
const numberOf = (w: string): number | undefined => (/^\d{1,5}$/.test(w) ? Number(w) : NUMBER_WORDS[w]);

/** Casualties named in the text, one per group and kind (the largest number when repeated). */
export function readCasualties(text: string): Casualty[] {
  const words = normalizeName(text.replace(/(\d),(\d{3})/g, '$1$2')).split(' ');
  const found = new Map<string, Casualty>();
  const add = (group: CasualtyGroup, kind: CasualtyKind, count: number, qualifier: Casualty['qualifier']) => {
    if (count > 100_000) return;
    const key = `${group}/${kind}`;
    const prior = found.get(key);
    if (!prior || (prior.count ?? 0) < count) found.set(key, { group, kind, count, qualifier });
  };
  for (let i = 0; i < words.length; i++) {
    const count = numberOf(words[i] as string);
    if (count === undefined) continue;
    const before2 = words.slice(Math.max(0, i - 2), i).join(' ');
    const before1 = words[i - 1] ?? '';
    const qualifier = QUALIFIERS[before2] ?? QUALIFIERS[before1] ?? 'exact';
    // "kills 12", "killing at least 5 people", "touye 3 moun": kind, qualifier?, number, group?.
    const qualifierWords = QUALIFIERS[before2] ? 2 : QUALIFIERS[before1] ? 1 : 0;
    const kindBefore = kindOf(words[i - 1 - qualifierWords] ?? '');
    if (kindBefore) {
      const next = words.slice(i + 1, i + 3).map(groupOf);
      add(next[0] ?? next[1] ?? 'other', kindBefore, count, qualifier);
      continue;
    }
    // "12 people were killed", "10 morts", "15 moun mouri": number, group?, fillers, kind.
    let group: CasualtyGroup | undefined;
    for (let j = i + 1; j < Math.min(words.length, i + 6); j++) {
      const w = words[j] as string;
      const kind = kindOf(w);
      if (kind) {
        add(group ?? 'other', kind, count, qualifier);
        break;
      }
      const g = groupOf(w);
      if (g) group ??= g;
      else if (!FILLER.has(w)) break;
    }
  }
  return [...found.values()];
}
