/**
 * One tick of a daily-digest subscription: which periods are due (schedule.ts), then each is
 * skipped or sent through the ledger. A digest covers the revisions recorded since the end of
 * the previous one, so nothing is listed twice and a skipped day rolls into the next digest.
 */

import type { DigestOptions } from '../core/digest.ts';
import { messagesFor } from '../core/i18n/messages.ts';
import type { Indicator } from '../core/schemas.ts';
import type { Services } from '../core/services.ts';
import type { LedgerRow, Subscription } from '../core/subscription-port.ts';
import { formatInstant } from '../core/time.ts';
import { failingSourcesLine } from '../core/triage.ts';
import type { View } from '../core/view.ts';
import { markerFor, type RenderRow, type SendContext, sendPeriod } from './ledger.ts';
import { duePeriods } from './schedule.ts';

/** The core's digest (src/core/digest.ts): the channel gets what `sitrep digest` prints. */
export type DigestRenderer = (services: Services, options: DigestOptions, now: Date) => Promise<View>;

export interface DigestSettings {
  /** Record a day with nothing new as skipped instead of posting "nothing new". */
  skipQuietDays: boolean;
  /** How late a missed digest may still be sent. */
  catchUpMs: number;
}

const DAY_MS = 24 * 3_600_000;

/** What a digest row sends: the core's digest for its span, marked when late. */
export function digestRowRenderer(services: Services, render: DigestRenderer): RenderRow {
  return async (subscription: Subscription, row: LedgerRow) => {
    const until = row.coversUntil ?? row.scheduledAt;
    const since = row.coversSince ?? new Date(new Date(until).getTime() - DAY_MS).toISOString();
    const options: DigestOptions = {
      since,
      until,
      placeId: subscription.placeId,
      category: subscription.category,
      timeZone: subscription.timeZone,
      language: subscription.language,
    };
    if (row.late) options.note = lateNote(subscription, row);
    const view = await render(services, options, new Date(until));
    return withFailingSources(services, subscription, view, new Date(until));
  };
}

/** A digest on a day when a source has failed for more than a day says so, in one line. */
async function withFailingSources(services: Services, subscription: Subscription, view: View, at: Date) {
  const sources = services.intake ? await services.intake.listSources() : [];
  const line = failingSourcesLine(sources, at, subscription.timeZone, subscription.language);
  return line ? { ...view, summary: [view.summary, line].filter(Boolean).join('\n') } : view;
}

function lateNote(subscription: Subscription, row: LedgerRow): string {
  const m = messagesFor(subscription.language);
  const due = formatInstant(row.scheduledAt, subscription.timeZone, m);
  return m.t('digest.late', { due, zone: subscription.timeZone });
}

/**
 * A span in which the digest would list no event (none changed that matches the subscription's
 * filters, asked of the store as the digest asks it) and no new figure.
 */
export async function isQuiet(
  services: Services,
  subscription: Subscription,
  since: string,
  until: string,
): Promise<boolean> {
  const { store } = services;
  const filter = { placeId: subscription.placeId, category: subscription.category };
  if ((await store.changesBetween(since, until, filter, 0)).total > 0) return false;
  const reported = (i: Indicator) => new Date(i.reportedAt).toISOString();
  for (const series of (await store.allIndicatorSeries()).values()) {
    if (series.some((i) => reported(i) >= since && reported(i) < until)) return false;
  }
  return true;
}

export async function runDigestSubscription(
  ctx: SendContext,
  services: Services,
  subscription: Subscription,
  settings: DigestSettings,
  render: RenderRow,
): Promise<void> {
  if (subscription.paused || !subscription.localTime) return;
  const { subscriptions } = ctx;
  const now = ctx.now();
  const last = await subscriptions.latestLedgerRow(subscription.id);
  const due = duePeriods(
    { localTime: subscription.localTime, timeZone: subscription.timeZone, activeSince: subscription.activeSince },
    last?.period,
    now,
    { catchUpMs: settings.catchUpMs },
  );
  for (const period of due) {
    const base = {
      subscriptionId: subscription.id,
      period: period.period,
      marker: markerFor(ctx.installationId, subscription.id, period.period),
      scheduledAt: period.scheduledAt.toISOString(),
    };
    if (period.action === 'skip') {
      await subscriptions.skip({ ...base, late: true }, 'missed while the bot was down');
      continue;
    }
    const coversUntil = now.toISOString();
    const previousEnd = (await subscriptions.lastCovered(subscription.id))?.coversUntil;
    // The first digest covers a day; so does one after another process's clock ran ahead.
    const coversSince =
      previousEnd !== undefined && previousEnd < coversUntil
        ? previousEnd
        : new Date(now.getTime() - DAY_MS).toISOString();
    const request = { ...base, coversSince, coversUntil, late: period.action === 'send-late' };
    if (settings.skipQuietDays && (await isQuiet(services, subscription, coversSince, coversUntil))) {
      await subscriptions.skip(request, 'quiet day: nothing new');
      continue;
    }
    await sendPeriod(ctx, subscription, request, render);
  }
}
