/**
 * `sitrep sources add|list|remove|pause|resume|poll|watch` and `sitrep leads`: live intake from
 * a terminal. Bad input prints one line and exits 2, changing nothing.
 */
import { parseArgs } from 'node:util';
import type { Config } from '../../config.ts';
import { UserError, userErrorText } from '../../core/errors.ts';
import { isLanguage, LANGUAGES } from '../../core/i18n/language.ts';
import { type Messages, messagesFor } from '../../core/i18n/messages.ts';
import type { IntakeStore, Lead, Source, SourceKind } from '../../core/intake-port.ts';
import { OPEN_LEAD_STATES, SOURCE_KINDS } from '../../core/intake-port.ts';
import { addSource, changeSource, guessSourceKind, parseSourceUrl } from '../../core/intake-sources.ts';
import { leadPage, leadPageView } from '../../core/lead-pages.ts';
import type { Services } from '../../core/services.ts';
import { sourcesView } from '../../core/triage.ts';
import type { PollReport } from '../../intake/poll-source.ts';
import type { Poller, PollerLogger } from '../../intake/poller.ts';
import { createConfiguredPoller } from '../../intake-role.ts';
import { openIntakeStore } from '../../store/index.ts';
import type { CliIo } from './cli.ts';
import { renderText } from './render-text.ts';

export const INTAKE_USAGE = [
  '  sitrep sources add <url> [--kind rss|atom|jsonfeed|reliefweb|acled] [--every MINUTES]',
  '      Poll a feed or API for leads (kind guessed from the URL when not given; every 15 minutes by default)',
  '  sitrep sources list | remove <id> | pause <id> | resume <id> | poll | watch',
  '      Show the sources and their state; poll every source once now; or keep polling until stopped',
  '  sitrep leads [--limit N] [--cursor C] [--json]',
  '      What waits for triage, newest first: a page of N (20), the next one named at its end;',
  '      --json lists every lead that waits (the first N with --limit, from C with --cursor)',
  '      (sources and leads take --language en|fr|ht)',
].join('\n');

export interface IntakeCliDeps {
  config: Config;
  openServices(): Promise<{ services: Services; close(): Promise<void> }>;
  now(): Date;
  io: CliIo;
  log: PollerLogger;
  /** The intake store (default: the store the settings name, SQLite or Postgres). */
  openIntake?: () => IntakeStore | Promise<IntakeStore>;
  /** Resolves when `watch` should stop (default: SIGINT or SIGTERM). */
  untilStopped?: () => Promise<void>;
  /** Lowers this process's OS priority before polling (the real CLI; a test process keeps its own). */
  asBackground?: () => void;
}

function idOf(text: string | undefined, verb: string): number {
  if (!text || !/^\d{1,9}$/.test(text)) throw new UserError('source-id-missing', { verb, got: text ?? '' });
  return Number(text);
}

function reportLine(r: PollReport, m: Messages): string {
  const id = r.sourceId;
  if (r.outcome === 'failed')
    return m.t('poll.failed', { id, reason: r.reason ?? '', paused: r.paused ? 'yes' : 'no' });
  if (r.outcome === 'not-modified') return m.t('poll.unchanged', { id });
  if (r.events) return m.t('poll.events', { id, ...r.events });
  return m.t('poll.leads', { id, created: r.created, updated: r.updated, joined: r.joined, unchanged: r.unchanged });
}

/** The same sources view chat shows, with the console's way to add one. */
function sourcesText(sources: readonly Source[], zone: string, m: Messages, summary?: string): string {
  const view = sourcesView(sources, undefined, zone, m.language);
  const sections = view.sections.map((section) => ({ ...section, empty: m.t('sources.none-console') }));
  // The triage channel is a chat setting the console does not read: the summary says what was done, if anything.
  return renderText({ ...view, summary, sections }, { full: true });
}

function pollerFor(deps: IntakeCliDeps, intake: IntakeStore, services: Services): Poller {
  return createConfiguredPoller(deps.config, {
    intake,
    services,
    owner: `cli-${process.pid}`,
    now: deps.now,
    log: deps.log,
  });
}

const stopSignal = () =>
  new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });

/** Every open lead from the cursor on (at most `limit`), read a page at a time. */
async function everyLead(intake: IntakeStore, limit: number | undefined, cursor: string | undefined): Promise<Lead[]> {
  const out: Lead[] = [];
  let page = await leadPage(intake, JSON_BATCH, cursor);
  for (;;) {
    out.push(...page.leads);
    if (!page.next || (limit !== undefined && out.length >= limit)) break;
    page = await leadPage(intake, JSON_BATCH, page.next);
  }
  return limit === undefined ? out : out.slice(0, limit);
}

const JSON_BATCH = 200;

/** Runs `sitrep sources ...` or `sitrep leads ...`; returns the exit code: 0 done, 2 bad input, 1 failure. */
export async function runIntakeCli(argv: string[], deps: IntakeCliDeps): Promise<number> {
  const [command, ...rest] = argv;
  // English until --language is read, so a bad flag is still said.
  let m: Messages = messagesFor('en');
  let intake: IntakeStore | undefined;
  let opened: { services: Services; close(): Promise<void> } | undefined;
  const openIntake =
    deps.openIntake ??
    (() => openIntakeStore({ path: deps.config.SITREP_DB_PATH, databaseUrl: deps.config.SITREP_DATABASE_URL }));
  try {
    let parsed: ReturnType<
      typeof parseArgs<{
        options: Record<string, { type: 'string' | 'boolean' }>;
        allowPositionals: true;
        strict: true;
      }>
    >;
    try {
      parsed = parseArgs({
        args: rest,
        options: {
          kind: { type: 'string' },
          every: { type: 'string' },
          limit: { type: 'string' },
          json: { type: 'boolean' },
          cursor: { type: 'string' },
          language: { type: 'string' },
        },
        allowPositionals: true,
        strict: true,
      });
    } catch (err) {
      throw new UserError('cli-unknown-flag', {
        detail: (err as Error).message.split('\n')[0] ?? '',
        command: 'help',
        accepted: '',
      });
    }
    const { values, positionals } = parsed;
    const languageText = typeof values.language === 'string' ? values.language.toLowerCase() : 'en';
    if (!isLanguage(languageText))
      throw new UserError('cli-flag-choice', { flag: 'language', accepted: LANGUAGES.join(', '), got: languageText });
    m = messagesFor(languageText);
    const json = values.json === true;
    const timeZone = deps.config.SITREP_TIME_ZONE;
    const now = () => deps.now().toISOString();
    if (command === 'leads') {
      // `leads list` too: the words a page's Next line gives.
      const words = positionals[0] === 'list' ? positionals.slice(1) : positionals;
      if (words.length > 0) throw new UserError('cli-bare-words', { command: 'leads', words: words.join(' ') });
      const limitText = typeof values.limit === 'string' ? values.limit : undefined;
      if (limitText !== undefined && (!/^\d{1,3}$/.test(limitText) || Number(limitText) < 1 || Number(limitText) > 200))
        throw new UserError('cli-flag-range', { flag: 'limit', min: 1, max: 200, got: limitText });
      const limit = limitText === undefined ? undefined : Number(limitText);
      const cursor = typeof values.cursor === 'string' ? values.cursor : undefined;
      opened = await deps.openServices();
      intake = await openIntake();
      if (json) {
        deps.io.out(JSON.stringify(await everyLead(intake, limit, cursor), null, 2));
        return 0;
      }
      const [page, waiting] = await Promise.all([
        leadPage(intake, limit ?? 20, cursor),
        intake.countLeads({ states: OPEN_LEAD_STATES }),
      ]);
      const args: Record<string, number> = limit === undefined ? {} : { limit };
      deps.io.out(renderText(leadPageView(page, waiting, args, opened.services, m.language), { full: true }));
      return 0;
    }
    const [verb, arg, ...extra] = positionals;
    if (extra.length > 0) throw new UserError('cli-unexpected', { words: extra.join(' ') });
    if (verb === 'add') {
      const url = parseSourceUrl(arg);
      const kindText = typeof values.kind === 'string' ? values.kind : guessSourceKind(url);
      if (!(SOURCE_KINDS as readonly string[]).includes(kindText))
        throw new UserError('cli-flag-choice', { flag: 'kind', accepted: SOURCE_KINDS.join(', '), got: kindText });
      const everyText = typeof values.every === 'string' ? values.every : '15';
      if (!/^\d{1,5}$/.test(everyText) || Number(everyText) < 5 || Number(everyText) > 10_080)
        throw new UserError('cli-flag-range', { flag: 'every', min: 5, max: 10080, got: everyText });
      intake = await openIntake();
      const { source, added } = await addSource(
        intake,
        { url: url.toString(), kind: kindText as SourceKind, everyMinutes: Number(everyText), addedBy: 'console' },
        now(),
      );
      const summary = m.t('sources.added', { added: added ? 'yes' : 'no', id: source.id });
      deps.io.out(sourcesText(await intake.listSources(), timeZone, m, summary));
      return 0;
    }
    if (verb === 'list' || verb === undefined) {
      intake = await openIntake();
      const sources = await intake.listSources();
      if (json) deps.io.out(JSON.stringify(sources, null, 2));
      else deps.io.out(sourcesText(sources, timeZone, m));
      return 0;
    }
    if (verb === 'remove' || verb === 'pause' || verb === 'resume') {
      const id = idOf(arg, verb);
      intake = await openIntake();
      await changeSource(intake, verb, id, m.t('sources.paused-by', { who: 'console' }), now());
      deps.io.out(m.t('sources.done', { id, verb }));
      return 0;
    }
    if (verb === 'poll' || verb === 'watch') {
      if (arg !== undefined) throw new UserError('source-no-id', { verb });
      opened = await deps.openServices();
      intake = await openIntake();
      const poller = pollerFor(deps, intake, opened.services);
      // Polling is background work: a bot answering on this machine keeps the CPU first.
      deps.asBackground?.();
      if (verb === 'poll') {
        const reports = await poller.pollAll();
        if (json) deps.io.out(JSON.stringify(reports, null, 2));
        else deps.io.out(reports.length === 0 ? m.t('poll.none') : reports.map((r) => reportLine(r, m)).join('\n'));
        return 0;
      }
      poller.start();
      deps.io.err(m.t('poll.watching'));
      await (deps.untilStopped ?? stopSignal)();
      await poller.stop();
      return 0;
    }
    throw new UserError('source-unknown-verb', { verb: verb ?? '' });
  } catch (err) {
    if (err instanceof UserError) {
      deps.io.err(userErrorText(err, m));
      return 2;
    }
    throw err;
  } finally {
    await intake?.close();
    await opened?.close();
  }
}
