/**
 * Answers a worker has given lately, shared by identical questions: a command declared
 * `sameForEveryone`, asked with the same arguments and language clues in the same minute while
 * the store has not changed, gets the answer already computed (or being computed: concurrent
 * identical questions wait for one run). In a burst most questions are the same few (/status,
 * one place in the news), and each run costs the worker milliseconds of queries and rendering.
 *
 * Identical means identical: such a command runs with `now` at the start of its minute, so every
 * caller in that minute gets the answer a fresh run would give; the store's data version (which
 * changes whenever anyone commits) is part of the key, and a new version empties the cache.
 */
import type { Caller, CommandDef } from '../commands/command-types.ts';
import type { DispatchResult } from '../commands/dispatch.ts';
import type { LanguageClues } from '../core/i18n/language.ts';

export interface ViewCacheOptions {
  /** The store's data version, read before each question; the cache is off without one. */
  dataVersion: () => number;
  /** How many answers are kept (the most recently used). */
  size?: number;
}

export interface CachedQuestion {
  command: CommandDef;
  /** The command's path (`digest preview`) and its raw options, as the job carries them. */
  path: string;
  args: Record<string, unknown>;
  caller: Caller;
  now: Date;
}

/** What the cache needs of the worker: the language clues of a question, and running it. */
export interface Answering {
  clues(question: CachedQuestion, now: Date): Promise<LanguageClues>;
  run(question: CachedQuestion, now: Date, clues: LanguageClues): Promise<DispatchResult>;
}

export interface ViewCache {
  /** Whether this command's answers may be shared. */
  shares(command: CommandDef): boolean;
  answer(question: CachedQuestion, answering: Answering): Promise<DispatchResult>;
  /**
   * The id of an answer given to more than one question (unique in this cache's life), so the
   * bot can keep one copy of it, and render it once; undefined for any other answer.
   */
  idOf(answer: unknown): string | undefined;
}

/** The start of `now`'s minute. */
export function minuteOf(now: Date): Date {
  return new Date(Math.floor(now.getTime() / 60_000) * 60_000);
}

export function createViewCache(options: ViewCacheOptions): ViewCache {
  const size = options.size ?? 256;
  const answers = new Map<string, Promise<DispatchResult>>();
  const ids = new WeakMap<object, string>();
  let version: number | undefined;
  let answered = 0;

  return {
    shares: (command) => Boolean(command.readOnly && command.sameForEveryone),
    async answer(question, answering) {
      const now = minuteOf(question.now);
      // Read before anything else: an answer computed while a commit lands is kept under the
      // older version, which no question asked after the commit can look up.
      const current = options.dataVersion();
      if (current !== version) {
        answers.clear();
        version = current;
      }
      const clues = await answering.clues(question, now);
      const key = JSON.stringify([question.path, question.args, clues, now.getTime(), current]);
      const known = answers.get(key);
      if (known !== undefined) {
        // Most recently used last: the oldest is the first to go.
        answers.delete(key);
        answers.set(key, known);
        return known;
      }
      const running = answering.run(question, now, clues);
      answers.set(key, running);
      if (answers.size > size) answers.delete(answers.keys().next().value as string);
      // A failure (already logged) is not an answer to share: the next question runs again.
      running.then(
        (result) => {
          if (!result.failed) ids.set(result, String(++answered));
          else if (answers.get(key) === running) answers.delete(key);
        },
        () => {
          if (answers.get(key) === running) answers.delete(key);
        },
      );
      return running;
    },
    idOf: (answer) => (answer !== null && typeof answer === 'object' ? ids.get(answer) : undefined),
  };
}
