/**
 * What the executor is asked and answers: plain, structured-clonable values, so a job crosses
 * to a worker thread or process and its answer comes back the same way. A command job names the
 * command by its path (`digest preview`) and carries its raw options, the caller and the instant
 * it was asked at; its answer is dispatch's (the View, private or not, failed or not).
 */
import type { Caller, CommandDef } from '../commands/command-types.ts';
import {
  type DispatchLogger,
  type DispatchResult,
  dispatch,
  errorView,
  languageClues,
  resolveSubcommand,
} from '../commands/dispatch.ts';
import { fallbackText } from '../core/errors.ts';
import { languageOfLocale } from '../core/i18n/language.ts';
import { messagesFor } from '../core/i18n/messages.ts';
import { moreActionFor } from '../core/more-screens.ts';
import type { Services } from '../core/services.ts';
import type { ViewMap } from '../core/view.ts';
import type { ViewCache } from './view-cache.ts';

export interface CommandJob {
  kind: 'command';
  /** The command's path: its name, then the subcommand's (`digest preview`). */
  command: string;
  /** The options as the platform gave them, parsed by the command's schema in the worker. */
  args: Record<string, unknown>;
  caller: Caller;
  /** When it was asked (ISO): the answer's "now". */
  now: string;
}

/** Places for a partly typed name, best first (autocomplete). */
export interface PlacesJob {
  kind: 'places';
  typed: string;
  limit: number;
}

/** A View's map drawn as a PNG. */
export interface MapJob {
  kind: 'map';
  map: ViewMap;
}

/**
 * Where a command's answer goes when the worker can post it itself (a Slack response_url): the
 * platform names the deliverer (see src/worker/), the target is that deliverer's own.
 */
export interface Delivery {
  platform: string;
  target: unknown;
}

/**
 * A command whose answer the worker posts itself where its platform's deliverer can (rendering
 * and posting then cost the bot's event loop nothing); else the answer comes back as for a
 * command job.
 */
export interface DeliverJob {
  kind: 'deliver';
  job: CommandJob;
  to: Delivery;
}

/** The answer of a deliver job that was posted by the worker. */
export interface Delivered {
  delivered: true;
}

export type Job = CommandJob | DeliverJob | PlacesJob | MapJob;

export interface PlaceSuggestion {
  id: string;
  label: string;
}

export type JobAnswer<J extends Job> = J extends CommandJob
  ? DispatchResult
  : J extends DeliverJob
    ? DispatchResult | Delivered
    : J extends PlacesJob
      ? PlaceSuggestion[]
      : Uint8Array;

/** Why a command job was not answered: it failed, or the executor is stopping. */
export type Unanswered = 'fallback' | 'restarting';

/** The English texts (logs and tests); a caller is told in the language of its locale. */
export const FALLBACK = fallbackText();
export const STOPPING = messagesFor('en').t('error.restarting');

/**
 * The answer a command job gets when it could not be run: logged already, told privately, in
 * the caller's locale's language (the saved choice is in the store, which did not answer).
 */
export function failedAnswer(reason: Unanswered = 'fallback', caller?: Caller): DispatchResult {
  const language = languageOfLocale(caller?.locale) ?? 'en';
  const m = messagesFor(language);
  const text = reason === 'fallback' ? fallbackText(m) : m.t('error.restarting');
  return { view: errorView(text, language), private: true, failed: true };
}

/** The command a path names among `commands`, or undefined. */
export function commandAt(commands: readonly CommandDef[], path: string): CommandDef | undefined {
  const [name, sub] = path.split(' ');
  const root = commands.find((c) => c.name === name);
  return root && resolveSubcommand(root, sub);
}

/** The caller of a command job (or of the command a deliver job carries). */
export function callerOfJob(job: Job): Caller | undefined {
  return job.kind === 'command' ? job.caller : job.kind === 'deliver' ? job.job.caller : undefined;
}

/** The path that names `command` among `commands` (`digest preview`), for a job. */
export function commandPath(commands: readonly CommandDef[], command: CommandDef): string {
  for (const root of commands) {
    if (root === command) return root.name;
    if (root.subcommands?.includes(command)) return `${root.name} ${command.name}`;
  }
  return command.name;
}

export interface JobServices {
  services: Services;
  commands: readonly CommandDef[];
  logger: DispatchLogger;
  /** Draws a map as PNG bytes. */
  drawMap(map: ViewMap): Promise<Uint8Array>;
  /** Shares answers between identical questions (a worker on a store that says when it changed). */
  views?: ViewCache | undefined;
  /** Posts answers by platform (a worker's); without one, a deliver job's answer comes back. */
  deliverers?: Readonly<Record<string, Deliverer>> | undefined;
}

/**
 * Posts a command's answer to its target: false, decided at once, when the bot must answer it
 * instead (what the worker cannot do: a write, an upload); else the posting, which never
 * rejects (a failure is logged and the user told).
 */
export type Deliverer = (result: DispatchResult, target: unknown) => Promise<void> | false;

const DELIVERED: Delivered = { delivered: true };

/**
 * Runs one job where it is: a command only when it is declared read-only (a job for any other
 * is refused, so a write can never reach a connection that only reads).
 */
export async function runJob(
  on: JobServices,
  job: Job,
  /**
   * Given, a deliver job is answered once its answer is rendered and its posting has started
   * (handed to this), rather than once posted: a post waits on the network, not on the worker.
   */
  whilePosting?: (posting: Promise<void>) => void,
): Promise<DispatchResult | Delivered | PlaceSuggestion[] | Uint8Array> {
  if (job.kind === 'places') return on.services.gazetteer.autocomplete(job.typed, job.limit);
  if (job.kind === 'map') return on.drawMap(job.map);
  if (job.kind === 'deliver') {
    const result = (await runJob(on, job.job)) as DispatchResult;
    const posting = on.deliverers?.[job.to.platform]?.(result, job.to.target) ?? false;
    if (posting === false) return result;
    if (whilePosting) whilePosting(posting);
    else await posting;
    return DELIVERED;
  }
  const command = commandAt(on.commands, job.command);
  if (!command?.readOnly) {
    on.logger.error({ command: job.command }, 'executor: asked to run a command that is not read-only');
    return failedAnswer('fallback', job.caller);
  }
  const { services, logger, views } = on;
  if (views?.shares(command)) {
    const question = { command, path: job.command, args: job.args, caller: job.caller, now: new Date(job.now) };
    return views.answer(question, {
      clues: (q, now) => languageClues(q.args, { services, now, caller: q.caller }),
      run: (q, now, clues) =>
        dispatch(command, q.args, { services, now, caller: q.caller, languageClues: clues }, logger).then((r) =>
          withMore(r, job.command, q.args),
        ),
    });
  }
  const result = await dispatch(command, job.args, { services, now: new Date(job.now), caller: job.caller }, logger);
  return withMore(result, job.command, job.args);
}

/**
 * A read-only answer carries its More button: the same command and options, run again on a
 * click. A chat renderer keeps it only when the first screen leaves something out.
 */
function withMore(result: DispatchResult, path: string, args: Record<string, unknown>): DispatchResult {
  if (result.private || result.failed) return result;
  return { ...result, view: { ...result.view, moreAction: moreActionFor(path, args) } };
}
