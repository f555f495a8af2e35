/**
 * Lead posts: each lead goes to the triage channel once, through the same ledger as digests and
 * alerts (period "lead-<id>"), so a crash between posting and recording, a restart, or a second
 * process on the store never posts it twice. A channel gets the leads first seen since it was
 * set, and of those already waiting then, the newest few, followed by one line saying how many
 * more wait (period "leads-waiting@<when it was set>", posted once too). A lead edited at its
 * source updates the message it was posted as (period "lead-<id>@<revision>", recorded with the
 * same message id).
 */
import type { IntakeStore, Lead } from '../core/intake-port.ts';
import type { Services } from '../core/services.ts';
import type { LedgerRow, Subscription } from '../core/subscription-port.ts';
import { leadView, moreWaitingView, nearbyEvents, WAITING_POSTED } from '../core/triage.ts';
import { channelOf, markerFor, type RenderRow, type SendContext, sendPeriod } from './ledger.ts';

/** Leads looked at per tick, for new posts and for edits each. */
const BATCH = 100;

export const leadPeriod = (id: number): string => `lead-${id}`;
const editPeriod = (lead: Pick<Lead, 'id' | 'revision'>) => `${leadPeriod(lead.id)}@${lead.revision}`;

const WAITING_PREFIX = 'leads-waiting@';
/** The line after the waiting leads: once each time the channel is set. */
export const waitingPeriod = (subscription: Pick<Subscription, 'activeSince'>): string =>
  `${WAITING_PREFIX}${subscription.activeSince}`;

function leadIdOf(period: string): number {
  const match = /^lead-(\d+)(?:@\d+)?$/.exec(period);
  if (!match) throw new Error(`"${period}" is not a lead's period`);
  return Number(match[1]);
}

/** Waiting leads the channel did not get: the open ones first seen before it was set, but the newest few. */
async function moreWaiting(intake: IntakeStore, setAt: string): Promise<number> {
  return Math.max(0, (await intake.countLeads({ seenBefore: setAt })) - WAITING_POSTED);
}

/** What a lead row sends (the lead as it is now), or the line on the leads still waiting; in the channel's language. */
export function leadRowRenderer(services: Services): RenderRow {
  return async (subscription: Subscription, row: LedgerRow) => {
    const intake = services.intake;
    if (!intake) throw new Error(`${row.period}: no intake store`);
    if (row.period.startsWith(WAITING_PREFIX)) {
      const more = await moreWaiting(intake, row.period.slice(WAITING_PREFIX.length));
      return moreWaitingView(more, subscription.language);
    }
    const lead = await intake.getLead(leadIdOf(row.period));
    if (!lead) throw new Error(`${row.period}: the store has no such lead`);
    return leadView(lead, services, subscription.language, await nearbyEvents(services, lead));
  };
}

export const isLeadEdit = (row: Pick<LedgerRow, 'period'>): boolean => /^lead-\d+@\d+$/.test(row.period);

/**
 * Posts the leads waiting when the channel was set (see postWaiting), then those first seen
 * since, oldest first, then applies edits.
 */
export async function runTriageSubscription(
  ctx: SendContext,
  services: Services,
  subscription: Subscription,
  render: RenderRow,
): Promise<void> {
  const intake = services.intake;
  if (subscription.paused || !intake) return;
  // Newer leads wait for these, so the channel reads from older to newer.
  if (!(await postWaiting(ctx, intake, subscription, render))) return;
  const fresh = (await intake.listLeads({ states: ['new'], limit: BATCH }))
    .filter((lead) => lead.firstSeenAt >= subscription.activeSince)
    .reverse();
  for (const lead of fresh) {
    if ((await postLead(ctx, intake, subscription, lead, lead.firstSeenAt, render)).kind === 'stop') return;
  }
  for (const lead of await intake.listLeads({ states: ['posted'], limit: BATCH })) {
    if (lead.revision > 1) await updateEdited(ctx, subscription, lead, render);
  }
}

/**
 * The leads waiting when the channel was set: the newest WAITING_POSTED of them, oldest first,
 * then the line saying how many more wait and that /leads lists them (none when none do, or when
 * the channel had all of these already). A lead posted to an earlier triage channel is waiting
 * too, and posted here. True once the line is
 * done; false while another process holds one of these posts or the channel refuses posts. Until
 * the line is done, each tick looks again at the newest waiting leads (those already posted here
 * are skipped by their ledger rows), so a crash loses nothing. They are due when the channel was
 * set, not when first seen: a send a crash left is then finished, not taken for one from before.
 */
async function postWaiting(
  ctx: SendContext,
  intake: IntakeStore,
  subscription: Subscription,
  render: RenderRow,
): Promise<boolean> {
  const period = waitingPeriod(subscription);
  const line = await ctx.subscriptions.getLedgerRow(subscription.id, period);
  if (line) return line.state !== 'claimed';
  const setAt = subscription.activeSince;
  const waiting = await intake.listLeads({ seenBefore: setAt, limit: WAITING_POSTED });
  let postedNow = false;
  for (const lead of waiting.reverse()) {
    const post = await postLead(ctx, intake, subscription, lead, setAt, render);
    // One held by another process: it goes on from there, so the channel keeps their order.
    if (post.kind !== 'done') return false;
    // Rows of this setting are due when it was made; a lead the channel had before keeps its own.
    postedNow ||= post.row.state === 'sent' && post.row.scheduledAt === setAt;
  }
  const request = { period, scheduledAt: setAt, late: false };
  const more = await moreWaiting(intake, setAt);
  if (more === 0 || !postedNow) {
    // Set again where the newest were posted already (to change its language, say): the line was said then.
    const note = more === 0 ? 'no more leads were waiting' : 'the channel had the waiting leads already';
    const marker = markerFor(ctx.installationId, subscription.id, period);
    await ctx.subscriptions.skip({ ...request, subscriptionId: subscription.id, marker }, note);
  } else {
    const result = await sendPeriod(ctx, subscription, request, render);
    if (result.kind === 'permanent' || result.kind === 'stopped') return false;
  }
  // Done by this process, or held by another one that counted differently a moment before.
  const after = await ctx.subscriptions.getLedgerRow(subscription.id, period);
  return after !== undefined && after.state !== 'claimed';
}

/** Done (sent, or failed for good), pending (another process holds it), or stop (the channel refuses posts). */
type LeadPost = { kind: 'done'; row: LedgerRow } | { kind: 'pending' | 'stop' };

/** Posts a lead through its ledger row, unless the row exists, and marks it posted. */
async function postLead(
  ctx: SendContext,
  intake: IntakeStore,
  subscription: Subscription,
  lead: Lead,
  scheduledAt: string,
  render: RenderRow,
): Promise<LeadPost> {
  const period = leadPeriod(lead.id);
  let row = await ctx.subscriptions.getLedgerRow(subscription.id, period);
  if (!row) {
    const result = await sendPeriod(ctx, subscription, { period, scheduledAt, late: false }, render);
    if (result.kind === 'permanent' || result.kind === 'stopped') return { kind: 'stop' };
    row = await ctx.subscriptions.getLedgerRow(subscription.id, period);
  }
  if (!row || row.state === 'claimed') return { kind: 'pending' };
  // Sent, perhaps by a process that stopped before it marked the lead.
  if (row.state === 'sent' && lead.state === 'new') await intake.markLeadPosted(lead.id, ctx.now().toISOString());
  return { kind: 'done', row };
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
