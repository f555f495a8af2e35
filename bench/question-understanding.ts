/**
 * Time spent understanding a question, apart from reading the store: understandQuestion over
 * every question of the corpus (tests/core/question-corpus.json), and building the vocabulary
 * /ask builds per call. `node --import tsx bench/question-understanding.ts [rounds]` prints it
 * alone; `npm run bench` reports it with the queries.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Gazetteer } from '../src/core/places.ts';
import { understandQuestion } from '../src/core/question.ts';
import { createQuestionVocabulary, peopleOf, vocabularyOf } from '../src/core/question-vocabulary.ts';
import { loadSeedData, type SeedData } from '../src/data/load.ts';
import { type Stats, stats } from './stats.ts';
import { BENCH_NOW } from './workloads.ts';

export interface UnderstandingResult {
  questions: number;
  calls: number;
  /** One call of understandQuestion, over every question of the corpus (wall clock). */
  understand: Stats;
  /**
   * The same calls in CPU time of this process: on a busy machine the wall clock also counts the
   * time other processes held the core.
   */
  understandCpu: Stats;
  /** The machine's load average while measuring: above the core count, the tail is other work. */
  loadAverage: number[];
  /** Building the vocabulary from the actors, figures and people (once per change of the data). */
  vocabulary: Stats;
  /** What /ask spends per question on it: finding the built vocabulary by the data's content. */
  vocabularyLookup: Stats;
  /** The questions whose slowest call was slowest. */
  slowest: Array<{ question: string; maxMs: number }>;
}

const corpusPath = fileURLToPath(new URL('../tests/core/question-corpus.json', import.meta.url));

export function measureUnderstanding(seed: SeedData, rounds: number): UnderstandingResult {
  const questions = (JSON.parse(readFileSync(corpusPath, 'utf8')) as Array<{ q: string }>).map((r) => r.q);
  const gazetteer = new Gazetteer(seed.places);
  const input = { actors: seed.actors, indicators: seed.indicators, people: peopleOf(seed.events) };
  const vocabulary = createQuestionVocabulary(input);
  const context = { gazetteer, now: BENCH_NOW, timeZone: 'America/Port-au-Prince', vocabulary };
  for (let i = 0; i < 3; i++) for (const q of questions) understandQuestion(q, context);
  const times: number[] = [];
  const cpu: number[] = [];
  const worst = new Map<string, number>();
  for (let r = 0; r < rounds; r++) {
    for (const q of questions) {
      const c = process.cpuUsage();
      const t = performance.now();
      understandQuestion(q, context);
      const ms = performance.now() - t;
      const used = process.cpuUsage(c);
      cpu.push((used.user + used.system) / 1000);
      times.push(ms);
      worst.set(q, Math.max(worst.get(q) ?? 0, ms));
    }
  }
  const build: number[] = [];
  for (let r = 0; r < rounds * 20; r++) {
    const t = performance.now();
    createQuestionVocabulary(input);
    build.push(performance.now() - t);
  }
  const lookup: number[] = [];
  vocabularyOf(input);
  for (let r = 0; r < rounds * 20; r++) {
    const t = performance.now();
    vocabularyOf(input);
    lookup.push(performance.now() - t);
  }
  const slowest = [...worst]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([question, maxMs]) => ({ question: question.slice(0, 60), maxMs: Number(maxMs.toFixed(3)) }));
  return {
    questions: questions.length,
    calls: times.length,
    understand: stats(times),
    understandCpu: stats(cpu),
    loadAverage: loadavg().map((x) => Number(x.toFixed(2))),
    vocabulary: stats(build),
    vocabularyLookup: stats(lookup),
    slowest,
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = measureUnderstanding(loadSeedData(), Number(process.argv[2] ?? 20));
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
