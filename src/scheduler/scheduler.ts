/**
 * The scheduler: once a minute (node-cron), for every subscription, sends what is due through
 * the exactly-once ledger: digests, alerts, and new leads to the triage channel. The first tick at start-up finishes sends a crash left claimed and
 * catches up digests missed while the bot was down. Subscriptions run independently, so one
 * channel waiting out a Retry-After does not hold up the others.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import cron from 'node-cron';
import { digest } from '../core/digest.ts';
import type { Poster } from '../core/poster-port.ts';
import type { Services } from '../core/services.ts';
import type { LedgerRow, SubscriptionKind, SubscriptionStore } from '../core/subscription-port.ts';
import { alertRowRenderer, runAlertSubscription } from './alerts.ts';
import { type DigestRenderer, digestRowRenderer, runDigestSubscription } from './digests.ts';
import { installationIdOf } from './installation.ts';
import { isLeadEdit, leadRowRenderer, resumeLeadEdit, runTriageSubscription } from './leads.ts';
import { type RenderRow, resumeClaim, type SendContext } from './ledger.ts';
import { defaultRetryPolicy, type RetryPolicy } from './retry.ts';
import type { SchedulerLogger, Timers } from './timers.ts';

/** Starts a repeating job; node-cron by default, a test drives `tick()` itself. */
export type CronStarter = (expression: string, job: () => void) => { stop(): void | Promise<void> };

export interface SchedulerOptions {
  services: Services;
  subscriptions: SubscriptionStore;
  /** One per connected platform; subscriptions of another platform wait. */
  posters: readonly Poster[];
  settings: {
    /** DIGEST_SKIP_QUIET_DAYS */
    skipQuietDays: boolean;
    /** DIGEST_CATCHUP_HOURS */
    catchUpHours: number;
  };
  log: SchedulerLogger;
  now?: () => Date;
  timers?: Timers;
  cron?: CronStarter;
  /** Default: the core's digest, the same the `digest` command prints. */
  renderDigest?: DigestRenderer;
  /** This process in the claims it holds. Default: host, pid and a random suffix. */
  owner?: string;
  /** Part of every marker. Default: the id stored with the data (see installation.ts). */
  installationId?: string;
  /** How long a claim holds without renewal. Default 2 minutes. */
  leaseMs?: number;
  retry?: RetryPolicy;
}

export interface Scheduler {
  /**
   * Runs one tick at once (catch-up, sends a crash left unfinished), then one a minute. Resolves
   * when that first tick's sends are done, which a Retry-After can stretch: no need to await it.
   */
  start(): Promise<void>;
  /** Stops ticking, cuts retry waits short and waits for sends in flight. */
  stop(): Promise<void>;
  /** One pass over every subscription; resolves when its sends are done. */
  tick(): Promise<void>;
}

const EVERY_MINUTE = '* * * * *';

const nodeCronStarter: CronStarter = (expression, job) =>
  cron.schedule(expression, job, { name: 'sitrep-scheduler', noOverlap: false });

export function createScheduler(options: SchedulerOptions): Scheduler {
  const { services, subscriptions, log } = options;
  const now = options.now ?? (() => new Date());
  const timers: Timers = options.timers ?? {
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
  const catchUpMs = options.settings.catchUpHours * 3_600_000;
  const posters = new Map(options.posters.map((p) => [p.platform, p]));
  const waits = new Set<{ handle: unknown; resolve: (done: boolean) => void }>();
  const inFlight = new Map<number, Promise<void>>();
  let stopping = false;
  let task: { stop(): void | Promise<void> } | undefined;

  const sleep = (ms: number): Promise<boolean> =>
    stopping
      ? Promise.resolve(false)
      : new Promise((resolve) => {
          const wait = { handle: undefined as unknown, resolve };
          wait.handle = timers.setTimeout(() => {
            waits.delete(wait);
            resolve(true);
          }, ms);
          waits.add(wait);
        });

  const ctx: SendContext = {
    subscriptions,
    posters,
    owner: options.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    // Read from the store on the first tick (the store is async); every send goes through a tick.
    installationId: options.installationId ?? '',
    now,
    leaseMs: options.leaseMs ?? 2 * 60_000,
    policy: options.retry ?? defaultRetryPolicy,
    sleep,
    log,
  };
  const renderDigestRow = digestRowRenderer(services, options.renderDigest ?? digest);
  const renderAlertRow = alertRowRenderer(services);
  const renderLeadRow = leadRowRenderer(services);
  const renderers: Record<SubscriptionKind, RenderRow> = {
    digest: renderDigestRow,
    alert: renderAlertRow,
    triage: renderLeadRow,
  };
  const tooOld = (row: LedgerRow, at: Date) => at.getTime() - new Date(row.scheduledAt).getTime() > catchUpMs;

  /** Runs `job` for a subscription unless one is already running for it. */
  function launch(subscriptionId: number, job: () => Promise<void>, started: Promise<void>[]): void {
    if (inFlight.has(subscriptionId)) return;
    const run = job()
      .catch((err: unknown) => log.error({ err, subscriptionId }, 'scheduled send failed'))
      .finally(() => inFlight.delete(subscriptionId));
    inFlight.set(subscriptionId, run);
    started.push(run);
  }

  async function tick(): Promise<void> {
    if (stopping) return;
    const started: Promise<void>[] = [];
    try {
      ctx.installationId ||= await installationIdOf(services.store);
      const stale = new Map<number, LedgerRow[]>();
      for (const row of await subscriptions.expiredClaims()) {
        stale.set(row.subscriptionId, [...(stale.get(row.subscriptionId) ?? []), row]);
      }
      for (const [subscriptionId, rows] of stale) {
        const subscription = await subscriptions.getSubscription(subscriptionId);
        // Another process, connected to that platform, finishes it.
        if (subscription && !posters.has(subscription.platform)) continue;
        const render = renderers[subscription?.kind ?? 'digest'];
        launch(
          subscriptionId,
          async () => {
            for (const row of rows) {
              if (stopping) break;
              if (isLeadEdit(row)) await resumeLeadEdit(ctx, row, render);
              else await resumeClaim(ctx, row, render, tooOld);
            }
          },
          started,
        );
      }
      for (const subscription of await subscriptions.activeSubscriptions('digest')) {
        if (subscription.paused || !posters.has(subscription.platform)) continue;
        const settings = { skipQuietDays: options.settings.skipQuietDays, catchUpMs };
        launch(
          subscription.id,
          () => runDigestSubscription(ctx, services, subscription, settings, renderDigestRow),
          started,
        );
      }
      for (const subscription of await subscriptions.activeSubscriptions('alert')) {
        if (subscription.paused || !posters.has(subscription.platform)) continue;
        launch(
          subscription.id,
          () => runAlertSubscription(ctx, services, subscription, catchUpMs, renderAlertRow),
          started,
        );
      }
      if (services.intake) {
        for (const subscription of await subscriptions.activeSubscriptions('triage')) {
          if (subscription.paused || !posters.has(subscription.platform)) continue;
          launch(subscription.id, () => runTriageSubscription(ctx, services, subscription, renderLeadRow), started);
        }
      }
    } catch (err) {
      log.error({ err }, 'scheduler tick failed');
    }
    await Promise.all(started);
  }

  return {
    tick,
    async start() {
      stopping = false;
      task ??= (options.cron ?? nodeCronStarter)(EVERY_MINUTE, () => void tick());
      log.info({ platforms: [...posters.keys()], owner: ctx.owner }, 'scheduler started');
      await tick();
    },
    async stop() {
      stopping = true;
      await task?.stop();
      task = undefined;
      for (const wait of waits) {
        timers.clearTimeout(wait.handle);
        wait.resolve(false);
      }
      waits.clear();
      await Promise.allSettled([...inFlight.values()]);
    },
  };
}
