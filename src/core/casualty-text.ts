/**
 * Casualties as people write them: "MSS killed 1; gang injured unknown; at least 3 civilians
 * killed", read into casualties by group and written back the same way.
 */
import type { Casualty, CasualtyGroup, CasualtyKind } from './schemas.ts';

export const CASUALTIES_MAX = 500;

/** A casualty entry that cannot be read; the message says which and how to write it. */
export class CasualtyTextError extends Error {}

const GROUP_WORDS: Record<string, CasualtyGroup> = {
  mss: 'mss',
  kenyan: 'mss',
  kenyans: 'mss',
  police: 'police',
  hnp: 'police',
  pnh: 'police',
  officer: 'police',
  officers: 'police',
  gang: 'gang',
  gangs: 'gang',
  civilian: 'civilian',
  civilians: 'civilian',
  resident: 'civilian',
  residents: 'civilian',
  military: 'military',
  soldier: 'military',
  soldiers: 'military',
  other: 'other',
  others: 'other',
};
const KIND_WORDS: Record<string, CasualtyKind> = {
  killed: 'killed',
  dead: 'killed',
  died: 'killed',
  deaths: 'killed',
  injured: 'injured',
  wounded: 'injured',
  hurt: 'injured',
  missing: 'missing',
  captured: 'captured',
  kidnapped: 'captured',
  abducted: 'captured',
};
const UNKNOWN_WORDS = new Set(['unknown', 'some', 'several', 'many', '?']);

const CASUALTY_HELP =
  'Write one entry per group, separated by ";", like "MSS killed 1; gang injured unknown; civilians killed at least 3".';

/** "MSS killed 1; gang injured unknown; at least 3 civilians killed" → casualties by group. */
export function parseCasualties(text: string): Casualty[] {
  if (text === '' || /^(none|no|0|-)$/i.test(text)) return [];
  if (text.length > CASUALTIES_MAX)
    throw new CasualtyTextError(`Casualties are ${text.length} characters; at most ${CASUALTIES_MAX}.`);
  const entries = text
    .split(/[;\n]+/)
    .map((e) => e.trim())
    .filter(Boolean);
  const out: Casualty[] = [];
  for (const [i, entry] of entries.entries()) {
    const where = `Entry ${i + 1} ("${entry}")`;
    const words = entry
      .toLowerCase()
      .replace(/[,:=]/g, ' ')
      .replace(/(\d)\+/g, '$1 +')
      .split(/\s+/)
      .filter(Boolean);
    let group: CasualtyGroup | undefined;
    let kind: CasualtyKind | undefined;
    let count: number | null | undefined;
    let qualifier: Casualty['qualifier'] = 'exact';
    for (const word of words) {
      if (GROUP_WORDS[word]) group = GROUP_WORDS[word];
      else if (KIND_WORDS[word]) kind = KIND_WORDS[word];
      else if (/^\d+$/.test(word)) {
        if (count !== undefined) throw new CasualtyTextError(`${where} gives two numbers. ${CASUALTY_HELP}`);
        count = Number(word);
      } else if (UNKNOWN_WORDS.has(word)) {
        count = null;
        qualifier = 'unknown';
      } else if (word === '+' || word === 'least' || word === '>=') qualifier = 'at-least';
      else if (word === 'about' || word === 'around' || word === '~' || word === 'approximately') qualifier = 'about';
      else if (!['at', 'members', 'member', 'people', 'and', 'were', 'was'].includes(word))
        throw new CasualtyTextError(`${where}: "${word}" is not understood. ${CASUALTY_HELP}`);
    }
    if (!group)
      throw new CasualtyTextError(
        `${where} names no group (MSS, police, gang, civilian, military, other). ${CASUALTY_HELP}`,
      );
    if (!kind)
      throw new CasualtyTextError(`${where} says not whether killed, injured, missing or captured. ${CASUALTY_HELP}`);
    if (count === undefined)
      throw new CasualtyTextError(
        `${where} gives no number; write "unknown" if the source gives none. ${CASUALTY_HELP}`,
      );
    if (count !== null && count > 100_000) throw new CasualtyTextError(`${where}: ${count} is more than 100,000.`);
    if (count === null) qualifier = 'unknown';
    if (out.some((c) => c.group === group && c.kind === kind))
      throw new CasualtyTextError(`${where} repeats ${group} ${kind}; give each group and kind once.`);
    out.push({ group, kind, count, qualifier });
  }
  return out;
}

const GROUP_LABELS: Record<CasualtyGroup, string> = {
  mss: 'MSS',
  police: 'police',
  gang: 'gang',
  civilian: 'civilians',
  military: 'military',
  other: 'other',
};

/** The casualties written back the way parseCasualties reads them (to prefill an edit form). */
export function casualtiesText(casualties: readonly Casualty[]): string {
  return casualties
    .map((c) => {
      const count =
        c.count === null
          ? 'unknown'
          : c.qualifier === 'at-least'
            ? `at least ${c.count}`
            : c.qualifier === 'about'
              ? `about ${c.count}`
              : String(c.count);
      return `${GROUP_LABELS[c.group]} ${c.kind} ${count}`;
    })
    .join('; ');
}
