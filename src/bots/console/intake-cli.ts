/**
 * `sitrep sources add|list|remove|pause|resume|poll|watch` and `sitrep leads`: live intake from
 * a terminal. Bad input prints one line and exits 2, changing nothing.
 */
import { parseArgs } from 'node:util';
import type { Config } from '../../config.ts';
import { UserError } from '../../core/errors.ts';
import type { IntakeStore, Lead, Source, SourceKind } from '../../core/intake-port.ts';
import { SOURCE_KINDS } from '../../core/intake-port.ts';
import { addSource, changeSource, guessSourceKind, parseSourceUrl } from '../../core/intake-sources.ts';
import type { Services } from '../../core/services.ts';
import { formatInstant } from '../../core/time.ts';
import type { PollReport } from '../../intake/poll-source.ts';
import type { Poller, PollerLogger } from '../../intake/poller.ts';
import { createConfiguredPoller } from '../../intake-role.ts';
import { openIntakeStore } from '../../store/index.ts';
import type { CliIo } from './cli.ts';

export const INTAKE_USAGE = [
  '  sitrep sources add <url> [--kind rss|atom|jsonfeed|reliefweb|acled] [--every MINUTES]',
  '      Poll a feed or API for leads (kind guessed from the URL when not given; every 15 minutes by default)',
  '  sitrep sources list | remove <id> | pause <id> | resume <id> | poll | watch',
  '      Show the sources and their state; poll every source once now; or keep polling until stopped',
  '  sitrep leads [--limit N] [--json]',
  '      What waits for triage, newest first',
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
}

function idOf(text: string | undefined, verb: string): number {
  if (!text || !/^\d{1,9}$/.test(text)) throw new UserError('source-id-missing', { verb, got: text ?? '' });
  return Number(text);
}

export function sourceLine(s: Source, timeZone: string): string {
  const state = s.paused
    ? `PAUSED: ${s.pausedReason ?? 'paused'}`
    : `next poll ${formatInstant(s.nextPollAt, timeZone)}${s.failures > 0 ? `; ${s.failures} failure(s), last: ${s.lastError}` : ''}`;
  const delivered = s.lastDeliveredAt
    ? `last delivered ${formatInstant(s.lastDeliveredAt, timeZone)}`
    : 'nothing delivered yet';
  return `#${s.id} ${s.kind} ${s.url}\n    every ${Math.round(s.intervalSeconds / 60)} min; ${delivered}; ${state}`;
}

export function leadLines(lead: Lead, services: Pick<Services, 'gazetteer'>): string {
  const places = lead.reading.placeIds.map((id) => services.gazetteer.get(id)?.name ?? id);
  const read = [
    ...places,
    lead.reading.occurredOn,
    lead.reading.category,
    ...lead.reading.casualties.map(
      (c) => `${c.qualifier === 'at-least' ? 'at least ' : ''}${c.count} ${c.kind} (${c.group})`,
    ),
  ].filter(Boolean);
  const lines = [
    `#${lead.id} [${lead.state}] ${lead.title}`,
    `    ${lead.publisher}${lead.publishedAt ? `, ${lead.publishedAt.slice(0, 10)}` : ''}: ${lead.link}`,
  ];
  if (read.length > 0) lines.push(`    read: ${read.join(', ')}`);
  for (const m of lead.reading.matches) lines.push(`    likely event ${m.eventId} (${m.why})`);
  if (lead.alsoFrom.length > 0) lines.push(`    also from: ${lead.alsoFrom.map((a) => a.publisher).join(', ')}`);
  if (lead.revision > 1) lines.push(`    edited at the source (revision ${lead.revision})`);
  return lines.join('\n');
}

function reportLine(r: PollReport): string {
  if (r.outcome === 'failed') return `#${r.sourceId} failed: ${r.reason}${r.paused ? ' (paused)' : ''}`;
  if (r.outcome === 'not-modified') return `#${r.sourceId} unchanged since the last poll`;
  if (r.events)
    return `#${r.sourceId} ${r.events.created} new event(s), ${r.events.updated} updated, ${r.events.unchanged} unchanged`;
  return `#${r.sourceId} ${r.created} new lead(s), ${r.updated} updated, ${r.joined} joined others, ${r.unchanged} seen before`;
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

/** Runs `sitrep sources ...` or `sitrep leads ...`; returns the exit code: 0 done, 2 bad input, 1 failure. */
export async function runIntakeCli(argv: string[], deps: IntakeCliDeps): Promise<number> {
  const [command, ...rest] = argv;
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
    const json = values.json === true;
    const timeZone = deps.config.SITREP_TIME_ZONE;
    const now = () => deps.now().toISOString();
    if (command === 'leads') {
      if (positionals.length > 0)
        throw new UserError('cli-bare-words', { command: 'leads', words: positionals.join(' ') });
      const limitText = typeof values.limit === 'string' ? values.limit : '20';
      if (!/^\d{1,3}$/.test(limitText) || Number(limitText) < 1 || Number(limitText) > 200)
        throw new UserError('cli-flag-range', { flag: 'limit', min: 1, max: 200, got: limitText });
      opened = await deps.openServices();
      intake = await openIntake();
      const leads = await intake.listLeads({ limit: Number(limitText) });
      if (json) deps.io.out(JSON.stringify(leads, null, 2));
      else
        deps.io.out(
          leads.length === 0
            ? 'No leads wait for triage.'
            : leads.map((l) => leadLines(l, opened!.services)).join('\n'),
        );
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
      deps.io.out(`${added ? 'Added' : 'Already a source'}: ${sourceLine(source, timeZone)}`);
      return 0;
    }
    if (verb === 'list' || verb === undefined) {
      intake = await openIntake();
      const sources = await intake.listSources();
      if (json) deps.io.out(JSON.stringify(sources, null, 2));
      else
        deps.io.out(
          sources.length === 0
            ? 'No sources. Add one: sitrep sources add <url>.'
            : sources.map((s) => sourceLine(s, timeZone)).join('\n'),
        );
      return 0;
    }
    if (verb === 'remove' || verb === 'pause' || verb === 'resume') {
      const id = idOf(arg, verb);
      intake = await openIntake();
      await changeSource(intake, verb, id, 'paused from the console', now());
      deps.io.out(`Source #${id} ${verb === 'remove' ? 'removed' : verb === 'pause' ? 'paused' : 'resumed'}.`);
      return 0;
    }
    if (verb === 'poll' || verb === 'watch') {
      if (arg !== undefined) throw new UserError('source-no-id', { verb });
      opened = await deps.openServices();
      intake = await openIntake();
      const poller = pollerFor(deps, intake, opened.services);
      if (verb === 'poll') {
        const reports = await poller.pollAll();
        if (json) deps.io.out(JSON.stringify(reports, null, 2));
        else deps.io.out(reports.length === 0 ? 'No source to poll.' : reports.map(reportLine).join('\n'));
        return 0;
      }
      poller.start();
      deps.io.err('Polling sources as they fall due; stop with Ctrl-C.');
      await (deps.untilStopped ?? stopSignal)();
      await poller.stop();
      return 0;
    }
    throw new UserError('source-unknown-verb', { verb: verb ?? '' });
  } catch (err) {
    if (err instanceof UserError) {
      deps.io.err(err.message);
      return 2;
    }
    throw err;
  } finally {
    await intake?.close();
    await opened?.close();
  }
}
