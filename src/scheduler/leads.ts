/**
 * Lead posts: each new lead goes to the triage channel once, through the same ledger as digests
 * and alerts (period "lead-<id>"), so a crash between posting and recording, a restart, or a
 * second process on the store never posts it twice. A lead edited at its source updates the
 * message it was posted as (period "lead-<id>@<revision>", recorded with the same message id).
 */
import type { Lead } from '../core/intake-port.ts';
import type { Services } from '../core/services.ts';
import type { LedgerRow, Subscription } from '../core/subscription-port.ts';
import { leadView, nearbyEvents } from '../core/triage.ts';
import { channelOf, markerFor, type RenderRow, type SendContext, sendPeriod } from './ledger.ts';

/** Leads looked at per tick, for new posts and for edits each. */
const BATCH = 100;

export const leadPeriod = (id: number): string => `lead-${id}`;
const editPeriod = (lead: Pick<Lead, 'id' | 'revision'>) => `${leadPeriod(lead.id)}@${lead.revision}`;

function leadIdOf(period: string): number {
  const match = /^lead-(\d+)(?:@\d+)?$/.exec(period);
  if (!match) throw new Error(`"${period}" is not a lead's period`);
  return Number(match[1]);
}

/** What a lead row sends: the lead as it is now, in the channel's language. */
export function leadRowRenderer(services: Services): RenderRow {
  return async (subscription: Subscription, row: LedgerRow) => {
    const lead = await services.intake?.getLead(leadIdOf(row.period));
    if (!lead) throw new Error(`${row.period}: the store has no such lead`);
    return leadView(lead, services, subscription.language, await nearbyEvents(services, lead));
  };
}

export const isLeadEdit = (row: Pick<LedgerRow, 'period'>): boolean => /^lead-\d+@\d+$/.test(row.period);

/** Posts the leads first seen since the channel was set, oldest first, then applies edits. */
export async function runTriageSubscription(
  ctx: SendContext,
  services: Services,
  subscription: Subscription,
  render: RenderRow,
): Promise<void> {
  const intake = services.intake;
  if (subscription.paused || !intake) return;
  const { subscriptions } = ctx;
  const fresh = (await intake.listLeads({ states: ['new'], limit: BATCH }))
    .filter((lead) => lead.firstSeenAt >= subscription.activeSince)
    .reverse();
  for (const lead of fresh) {
    const period = leadPeriod(lead.id);
    const done = await subscriptions.getLedgerRow(subscription.id, period);
    if (done?.state === 'sent') {
      // Posted, but the process stopped before the lead was marked.
      await intake.markLeadPosted(lead.id, ctx.now().toISOString());
      continue;
    }
    if (done) continue;
    const result = await sendPeriod(ctx, subscription, { period, scheduledAt: lead.firstSeenAt, late: false }, render);
    if (result.kind === 'sent') await intake.markLeadPosted(lead.id, ctx.now().toISOString());
    if (result.kind === 'permanent' || result.kind === 'stopped') return;
  }
  for (const lead of await intake.listLeads({ states: ['posted'], limit: BATCH })) {
    if (lead.revision > 1) await updateEdited(ctx, subscription, lead, render);
  }
}

/** Updates the posted message of a lead edited at its source, once per revision. */
async function updateEdited(ctx: SendContext, subscription: Subscription, lead: Lead, render: RenderRow) {
  const { subscriptions } = ctx;
  const poster = ctx.posters.get(subscription.platform);
  if (!poster?.update || (await subscriptions.getLedgerRow(subscription.id, editPeriod(lead)))) return;
  const posted = await subscriptions.getLedgerRow(subscription.id, leadPeriod(lead.id));
  if (posted?.state !== 'sent' || !posted.messageId) return;
  const period = editPeriod(lead);
  const claim = await subscriptions.claim(
    {
      subscriptionId: subscription.id,
      period,
      marker: markerFor(ctx.installationId, subscription.id, period),
      scheduledAt: lead.updatedAt,
      late: false,
    },
    ctx.owner,
    ctx.leaseMs,
  );
  if (!claim) return;
  await finishEdit(ctx, subscription, claim.row, posted.messageId, render);
}

/** Replaces the message; an edit is the same whenever it is applied, so a crashed one is applied again. */
async function finishEdit(
  ctx: SendContext,
  subscription: Subscription,
  row: LedgerRow,
  messageId: string,
  render: RenderRow,
): Promise<void> {
  const poster = ctx.posters.get(subscription.platform);
  try {
    if (!poster?.update) throw new Error(`no ${subscription.platform} connection that edits messages`);
    await poster.update(channelOf(subscription), messageId, await render(subscription, row));
    await ctx.subscriptions.complete(row.id, ctx.owner, messageId);
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    await ctx.subscriptions.closeClaim(row.id, ctx.owner, 'failed', `could not update the lead's message: ${error}`);
    ctx.log.warn({ subscriptionId: subscription.id, period: row.period, err }, 'lead message not updated');
  }
}

/** An edit a crashed process left claimed: taken over and applied. */
export async function resumeLeadEdit(ctx: SendContext, stale: LedgerRow, render: RenderRow): Promise<void> {
  const claim = await ctx.subscriptions.claim(stale, ctx.owner, ctx.leaseMs);
  if (!claim) return;
  const subscription = await ctx.subscriptions.getSubscription(claim.row.subscriptionId);
  const posted =
    subscription && (await ctx.subscriptions.getLedgerRow(subscription.id, leadPeriod(leadIdOf(stale.period))));
  if (!subscription || !posted?.messageId) {
    await ctx.subscriptions.closeClaim(claim.row.id, ctx.owner, 'skipped', 'the lead was never posted');
    return;
  }
  await finishEdit(ctx, subscription, claim.row, posted.messageId, render);
}
