/**
 * Malformed platform traffic, seeded: a valid payload of some kind (a Discord gateway dispatch;
 * a Slack slash command, button click, event or modal submission) with a few of its fields
 * deleted, replaced by a value of another type, or made huge, or a type nobody knows. Built with
 * fast-check's `sample`, so a seed and a count give the same cases on every run.
 */
import fc from 'fast-check';
import { pino } from 'pino';
import { commands } from '../../src/commands/commands.ts';
import type { Logger } from '../../src/log.ts';

// biome-ignore lint/suspicious/noExplicitAny: JSON as the platforms send it
type Json = any;

export type Mutation =
  | { how: 'delete'; at: number }
  | { how: 'replace'; at: number; value: unknown }
  | { how: 'huge'; at: number; length: number; unit: string };

/** Values of every JSON type, and the strings that break parsers. */
const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 30 }),
  fc.string({ maxLength: 30, unit: 'grapheme' }),
  fc.constantFrom(
    [],
    {},
    [null],
    { type: 99 },
    '',
    '0',
    '-1',
    'NaN',
    '1e309',
    '9'.repeat(30),
    '<!channel>',
    '@everyone',
  ),
  fc.constantFrom('{"type":', 'pg1|timeline|x|', 'fm1|||', 'sitrep_page', 'undefined', '\u0000', '\ud800'),
  fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.string({ maxLength: 6 }), fc.integer()), { maxKeys: 3 }),
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ how: fc.constant('delete' as const), at: fc.nat() }) },
  { weight: 4, arbitrary: fc.record({ how: fc.constant('replace' as const), at: fc.nat(), value: junk }) },
  {
    weight: 1,
    arbitrary: fc.record({
      how: fc.constant('huge' as const),
      at: fc.nat(),
      length: fc.integer({ min: 1_000, max: 100_000 }),
      unit: fc.constantFrom('x', 'é', '🇭🇹', '<', ' '),
    }),
  },
);

export const mutations = fc.array(mutation, { minLength: 0, maxLength: 4 });

/** Every path (keys from the root) to a value inside `value`, in a fixed order. */
function pathsOf(value: Json, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (value === null || typeof value !== 'object') return [];
  const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return keys.flatMap((k) => [[...prefix, k], ...pathsOf(value[k], [...prefix, k])]);
}

/** A copy of `base` with the mutations applied, each at a path picked by its index. */
export function mutate(base: Json, list: readonly Mutation[]): Json {
  const copy = structuredClone(base);
  for (const m of list) {
    const paths = pathsOf(copy);
    const path = paths[m.at % Math.max(1, paths.length)];
    if (!path) continue;
    let parent = copy;
    for (const key of path.slice(0, -1)) parent = parent[key];
    const key = path[path.length - 1] as string | number;
    if (m.how === 'delete') {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
    } else if (m.how === 'replace') parent[key] = structuredClone(m.value);
    else parent[key] = m.unit.repeat(Math.ceil(m.length / m.unit.length));
  }
  return copy;
}

export const commandNames = commands.map((c) => c.name);
export const sampleTexts = [
  '',
  'help',
  'pont sonde',
  'location:"pont sonde" from:2025-03-01',
  'what happened near Kenscoff?',
  'category:protest limit:5',
  'subscribe time:07:30',
  'preview since:2025-03-25 until:2025-03-27',
  'report',
];

/** Samples `count` cases of `arbitrary` from `seed`: the same every run. */
export function sampleCases<T>(arbitrary: fc.Arbitrary<T>, seed: number, count: number): T[] {
  return fc.sample(arbitrary, { seed, numRuns: count });
}

/** A logger that counts its lines at warn and above by message: what an adapter noticed and survived. */
export function countingLogger(counts: Record<string, number>): Logger {
  return pino(
    { level: 'warn' },
    {
      write: (line: string) => {
        const { msg } = JSON.parse(line) as { msg: string };
        counts[msg] = (counts[msg] ?? 0) + 1;
      },
    },
  );
}
