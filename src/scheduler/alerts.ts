/**
 * Alerts: each new or updated event that matches a channel's filters, posted once per revision
 * (period "event-id@revision") through the same ledger as digests. Each tick reads the revisions
 * recorded since the subscription's cursor, with an overlap so a revision committed late is not
 * passed over; the ledger makes the overlap harmless.
 */

import { eventItem } from '../core/format.ts';
import { messagesFor } from '../core/i18n/messages.ts';
import type { Services } from '../core/services.ts';
import type { EventRevision } from '../core/store-port.ts';
import type { LedgerRow, Subscription } from '../core/subscription-port.ts';
import { formatInstant } from '../core/time.ts';
import type { View } from '../core/view.ts';
import { matchesFilters } from './filters.ts';
import { markerFor, type RenderRow, type SendContext, sendPeriod } from './ledger.ts';

/** Revisions read per subscription and tick; the cursor moves on from the last one read. */
/** Revisions written by `sitrep import` carry this author prefix. */
export const IMPORT_AUTHOR_PREFIX = 'import:';

const BATCH = 500;
/** How far before the cursor each read starts again. */
const OVERLAP_MS = 2 * 60_000;
/** An alert sent later than this after its revision was recorded is marked late. */
const ON_TIME_MS = 5 * 60_000;

export function alertPeriod(revision: Pick<EventRevision, 'eventId' | 'revision'>): string {
  return `${revision.eventId}@${revision.revision}`;
}

export function alertView(
  services: Services,
  subscription: Subscription,
  revision: EventRevision,
  late: boolean,
): View {
  const m = messagesFor(subscription.language);
  const { event } = revision;
  const kind = m.t('alert.kind', {
    kind: event.confidence === 'retracted' ? 'retracted' : revision.revision === 1 ? 'new' : 'updated',
  });
  const badge = revision.revision === 1 ? 'new' : 'updated';
  const item = eventItem(
    { event, revision: revision.revision, recordedAt: revision.recordedAt, firstRecordedAt: revision.recordedAt },
    services.gazetteer,
    subscription.timeZone,
    late ? [badge, 'late'] : [badge],
    m,
  );
  const recorded = formatInstant(revision.recordedAt, subscription.timeZone, m);
  return {
    kind: 'message',
    language: subscription.language,
    title: m.t('alert.title', { kind, place: item.place ?? event.place.text }),
    summary: revision.revision > 1 && revision.reason ? m.t('alert.change', { reason: revision.reason }) : undefined,
    sections: [{ heading: m.t('category.name', { category: event.category }), items: [item] }],
    footer: m.t('alert.footer', { recorded, zone: subscription.timeZone, revision: String(revision.revision) }),
  };
}

/** What an alert row sends: the event as it was at that revision. */
export function alertRowRenderer(services: Services): RenderRow {
  return async (subscription: Subscription, row: LedgerRow) => {
    const at = row.period.lastIndexOf('@');
    const eventId = row.period.slice(0, at);
    const number = Number(row.period.slice(at + 1));
    const revision = (await services.store.history(eventId)).find((r) => r.revision === number);
    if (!revision) throw new Error(`alert ${row.period}: the store has no such revision`);
    return alertView(services, subscription, revision, row.late);
  };
}

export async function runAlertSubscription(
  ctx: SendContext,
  services: Services,
  subscription: Subscription,
  catchUpMs: number,
  render: RenderRow,
): Promise<void> {
  if (subscription.paused) return;
  const { subscriptions } = ctx;
  const now = ctx.now();
  const until = now.toISOString();
  const cursor = subscription.alertCursor
    ? new Date(new Date(subscription.alertCursor).getTime() - OVERLAP_MS)
    : undefined;
  const since =
    cursor && cursor.toISOString() > subscription.activeSince ? cursor.toISOString() : subscription.activeSince;
  const revisions = await services.store.revisionsBetween(since, until, BATCH);
  for (const revision of revisions) {
    // A bulk import (thousands of rows) would flood the channel; its events reach the digest instead.
    if (revision.author.startsWith(IMPORT_AUTHOR_PREFIX)) continue;
    if (!matchesFilters(subscription, revision.event, services.gazetteer)) continue;
    const period = alertPeriod(revision);
    if (await subscriptions.getLedgerRow(subscription.id, period)) continue;
    const age = now.getTime() - new Date(revision.recordedAt).getTime();
    const request = { period, scheduledAt: revision.recordedAt, late: age > ON_TIME_MS };
    if (age > catchUpMs) {
      await subscriptions.skip(
        { ...request, subscriptionId: subscription.id, marker: markerFor(ctx.installationId, subscription.id, period) },
        'recorded too long ago to alert',
      );
      continue;
    }
    const result = await sendPeriod(ctx, subscription, request, render);
    // Paused (channel gone) or stopping: leave the cursor, the rest waits for a resubscribe or restart.
    if (result.kind === 'permanent' || result.kind === 'stopped') return;
  }
  const last = revisions.at(-1);
  await subscriptions.setAlertCursor(subscription.id, revisions.length === BATCH && last ? last.recordedAt : until);
}
