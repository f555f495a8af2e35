/**
 * Exactly-once sending: claim the (subscription, period) row, post with its marker, record the
 * message id. A claim whose sender died is taken over once its lease runs out; the channel is
 * then searched for the marker, so a message that went out is recorded, not posted again.
 */
import { createHash } from 'node:crypto';
import type { ChannelRef, Poster } from '../core/poster-port.ts';
import type { ClaimRequest, LedgerRow, Subscription, SubscriptionStore } from '../core/subscription-port.ts';
import type { View } from '../core/view.ts';
import { type DeliveryOutcome, deliver, type RetryPolicy } from './retry.ts';
import type { SchedulerLogger } from './timers.ts';

export interface SendContext {
  subscriptions: SubscriptionStore;
  posters: ReadonlyMap<ChannelRef['platform'], Poster>;
  /** This process, as recorded in the claims it holds. */
  owner: string;
  /** This installation (see installation.ts): part of every marker. */
  installationId: string;
  now(): Date;
  /** How long a claim stays ours without renewal (by the store's clock); longer than one post takes. */
  leaseMs: number;
  policy: RetryPolicy;
  sleep(ms: number): Promise<boolean>;
  log: SchedulerLogger;
}

/** Renders what a ledger row sends; called again when a crashed send is finished. */
export type RenderRow = (subscription: Subscription, row: LedgerRow) => Promise<View>;

export type SendResult = DeliveryOutcome | { kind: 'not-claimed' } | { kind: 'render-failed'; error: string };

/**
 * A short text unique to (installation, subscription, period), stable across restarts: two
 * installations posting in one channel never take each other's posts for their own. Short
 * enough (23 characters) to be Discord's nonce as well.
 */
export function markerFor(installationId: string, subscriptionId: number, period: string): string {
  const hash = createHash('sha256').update(`${installationId}|${subscriptionId}|${period}`).digest('hex').slice(0, 16);
  return `sitrep:${hash}`;
}

/** Slack's or Discord's clock may be ahead of ours by a little: the look for a marker starts this much earlier. */
const CLOCK_MARGIN_MS = 10 * 60_000;

/**
 * Where a look for the row's marker starts: before anything could have been posted for it. No
 * claim precedes the period's scheduled time (a takeover rewrites `claimedAt`, so the first
 * claim's time is not kept), and the platform's clock may differ from ours.
 */
export function markerSearchSince(row: LedgerRow): string {
  const times = [row.scheduledAt, row.claimedAt].filter((t): t is string => t !== undefined);
  const earliest = Math.min(...times.map((t) => new Date(t).getTime()));
  return new Date(earliest - CLOCK_MARGIN_MS).toISOString();
}

export function channelOf(subscription: Subscription): ChannelRef {
  return { platform: subscription.platform, teamId: subscription.teamId, channelId: subscription.channelId };
}

/** Claims a period and sends it; does nothing when the period is done or held by another sender. */
export async function sendPeriod(
  ctx: SendContext,
  subscription: Subscription,
  request: Omit<ClaimRequest, 'marker' | 'subscriptionId'>,
  render: RenderRow,
): Promise<SendResult> {
  const claim = await ctx.subscriptions.claim(
    {
      ...request,
      subscriptionId: subscription.id,
      marker: markerFor(ctx.installationId, subscription.id, request.period),
    },
    ctx.owner,
    ctx.leaseMs,
  );
  if (!claim) return { kind: 'not-claimed' };
  return sendClaimed(ctx, subscription, claim.row, claim.resumed, render);
}

/** Sends a row this process has claimed and records the outcome. */
export async function sendClaimed(
  ctx: SendContext,
  subscription: Subscription,
  row: LedgerRow,
  resumed: boolean,
  render: RenderRow,
): Promise<SendResult> {
  const { subscriptions, owner, log } = ctx;
  const where = { subscriptionId: subscription.id, period: row.period, channel: channelOf(subscription) };
  const poster = ctx.posters.get(subscription.platform);
  if (!poster) {
    await subscriptions.closeClaim(row.id, owner, 'failed', `no ${subscription.platform} connection`);
    return { kind: 'not-claimed' };
  }
  let view: View;
  try {
    view = await render(subscription, row);
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    await subscriptions.closeClaim(row.id, owner, 'failed', `could not build the message: ${error}`);
    log.error({ ...where, err }, 'scheduled message could not be built');
    return { kind: 'render-failed', error };
  }
  const outcome = await deliver({
    poster,
    channel: channelOf(subscription),
    view,
    marker: row.marker,
    since: markerSearchSince(row),
    checkFirst: resumed,
    policy: ctx.policy,
    sleep: ctx.sleep,
    beforeAttempt: () => subscriptions.renewClaim(row.id, owner, ctx.leaseMs),
  });
  switch (outcome.kind) {
    case 'sent':
      if (!(await subscriptions.complete(row.id, owner, outcome.messageId))) {
        log.warn({ ...where, messageId: outcome.messageId }, 'sent, but the claim had passed to another sender');
      } else {
        log.info(
          { ...where, messageId: outcome.messageId, found: outcome.found, late: row.late },
          'scheduled message sent',
        );
      }
      break;
    case 'permanent': {
      const reason = `The bot cannot post in this channel (${outcome.error})`;
      await subscriptions.closeClaim(row.id, owner, 'failed', outcome.error);
      await subscriptions.pauseSubscription(subscription.id, reason, ctx.now().toISOString());
      log.warn({ ...where, error: outcome.error }, 'subscription paused: the channel refuses posts');
      break;
    }
    case 'gave-up':
      await subscriptions.closeClaim(
        row.id,
        owner,
        'failed',
        `gave up after ${outcome.attempts} attempts: ${outcome.error}`,
      );
      log.error({ ...where, error: outcome.error, attempts: outcome.attempts }, 'scheduled message not sent');
      break;
    case 'lost-claim':
      log.info(where, 'another sender took this message over');
      break;
    case 'stopped':
      break;
  }
  return outcome;
}

/**
 * Finishes a send a crashed process left claimed: it is taken over and sent unless its marker
 * is found in the channel; one too old to matter now is recorded as skipped instead.
 */
export async function resumeClaim(
  ctx: SendContext,
  stale: LedgerRow,
  render: RenderRow,
  tooOld: (row: LedgerRow, now: Date) => boolean,
): Promise<void> {
  const claim = await ctx.subscriptions.claim(stale, ctx.owner, ctx.leaseMs);
  if (!claim) return;
  const now = ctx.now();
  const row = claim.row;
  const subscription = await ctx.subscriptions.getSubscription(row.subscriptionId);
  if (!subscription || subscription.removedAt || subscription.paused || subscription.activeSince > row.scheduledAt) {
    await ctx.subscriptions.closeClaim(row.id, ctx.owner, 'skipped', 'unsubscribed or paused before it was sent');
    return;
  }
  if (tooOld(row, now)) {
    await finishTooOld(ctx, subscription, row);
    return;
  }
  ctx.log.info({ subscriptionId: subscription.id, period: row.period }, 'finishing a send left unfinished');
  await sendClaimed(ctx, subscription, row, true, render);
}
/** A crashed send too old to post now: recorded as sent if it went out, skipped otherwise. */
async function finishTooOld(ctx: SendContext, subscription: Subscription, row: LedgerRow): Promise<void> {
  const poster = ctx.posters.get(subscription.platform);
  try {
    const found = poster
      ? await poster.findRecentByMarker(channelOf(subscription), row.marker, markerSearchSince(row))
      : undefined;
    if (found) {
      await ctx.subscriptions.complete(row.id, ctx.owner, found.messageId);
      return;
    }
  } catch (err) {
    ctx.log.warn(
      { subscriptionId: subscription.id, period: row.period, err },
      'could not check the channel for a message',
    );
  }
  await ctx.subscriptions.closeClaim(row.id, ctx.owner, 'skipped', 'too late to send after a restart');
}
