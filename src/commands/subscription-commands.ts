/**
 * What `/digest subscribe|unsubscribe|list` and `/alerts subscribe|unsubscribe|list` do. Every
 * argument is checked before anything is stored, so a bad time, time zone or place changes
 * nothing. The declarations live in src/commands/commands.ts.
 */

import { UserError } from '../core/errors.ts';
import { isLanguage, LANGUAGES, languageOfLocale } from '../core/i18n/language.ts';
import type { EventCategory } from '../core/schemas.ts';
import type { Services } from '../core/services.ts';
import type {
  ChannelKey,
  Language,
  Subscription,
  SubscriptionKind,
  SubscriptionStore,
} from '../core/subscription-port.ts';
import { formatInstant } from '../core/time.ts';
import type { View, ViewField } from '../core/view.ts';
import { formatLocalTime, nextSendInstant, parseLocalTime } from '../scheduler/schedule.ts';
import { DEFAULT_TIME_ZONE, resolveTimeZone } from '../scheduler/time-zones.ts';
import type { Args, Caller, CommandContext } from './command-types.ts';

export const DEFAULT_DIGEST_TIME = '07:00';

function subscriptionsOf(services: Services): SubscriptionStore {
  const subscriptions = services.subscriptions;
  if (!subscriptions) {
    throw new UserError('subscriptions-unavailable');
  }
  return subscriptions;
}

function channelOf(caller: Caller): ChannelKey {
  if ((caller.platform !== 'discord' && caller.platform !== 'slack') || !caller.teamId || !caller.channelId) {
    throw new UserError('subscriptions-channel-only');
  }
  return { platform: caller.platform, teamId: caller.teamId, channelId: caller.channelId };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

function languageOf(args: Args, caller: Caller): Language {
  const given = str(args.language);
  if (isLanguage(given)) return given;
  if (given !== undefined) throw new UserError('bad-language', { given }, [...LANGUAGES]);
  return languageOfLocale(caller.locale) ?? 'en';
}

/** The checked filters: a known place and category. */
function filtersOf(services: Services, args: Args): { placeId?: string; category?: EventCategory } {
  const location = str(args.location);
  const category = str(args.category) as EventCategory | undefined;
  return {
    ...(location ? { placeId: services.gazetteer.resolve(location).id } : {}),
    ...(category ? { category } : {}),
  };
}

function describeFilters(services: Services, s: Pick<Subscription, 'placeId' | 'category'>): string {
  const parts: string[] = [];
  if (s.placeId) parts.push(`in ${services.gazetteer.get(s.placeId)?.name ?? s.placeId}`);
  if (s.category) parts.push(`category ${s.category}`);
  return parts.length ? parts.join(', ') : 'all of Haiti, every category';
}

function message(title: string, summary: string, fields: ViewField[] = []): View {
  return { kind: 'message', title, summary, sections: fields.length ? [{ heading: 'Settings', fields }] : [] };
}

export async function subscribeDigest({ services, caller, now }: CommandContext, args: Args): Promise<View> {
  const channel = channelOf(caller);
  const timeText = str(args.time) ?? DEFAULT_DIGEST_TIME;
  const time = parseLocalTime(timeText);
  if (!time) {
    throw new UserError('bad-time-of-day', { time: timeText });
  }
  const timeZoneText = str(args.timezone);
  const timeZone = timeZoneText ? resolveTimeZone(timeZoneText) : DEFAULT_TIME_ZONE;
  const filters = filtersOf(services, args);
  const language = languageOf(args, caller);
  const subscriptions = subscriptionsOf(services);
  const localTime = formatLocalTime(time);
  const subscription = await subscriptions.upsertSubscription(
    { ...channel, kind: 'digest', localTime, timeZone, language, ...filters, createdBy: caller.userId },
    now.toISOString(),
  );
  const next = nextSendInstant(
    { localTime, timeZone, activeSince: subscription.activeSince },
    (await subscriptions.latestLedgerRow(subscription.id))?.period,
    now,
  );
  return message(
    'Daily digest subscribed',
    `This channel gets the digest every day at ${localTime} (${timeZone}); the first on ${formatInstant(next.toISOString(), timeZone)}.`,
    [
      { label: 'Covers', value: describeFilters(services, subscription) },
      { label: 'Language', value: language },
    ],
  );
}

export async function subscribeAlerts({ services, caller, now }: CommandContext, args: Args): Promise<View> {
  const channel = channelOf(caller);
  const filters = filtersOf(services, args);
  const language = languageOf(args, caller);
  const subscription = await subscriptionsOf(services).upsertSubscription(
    { ...channel, kind: 'alert', timeZone: services.settings.timeZone, language, ...filters, createdBy: caller.userId },
    now.toISOString(),
  );
  return message(
    'Alerts subscribed',
    `This channel gets each new or updated event (${describeFilters(services, subscription)}) within a minute of it being recorded.`,
  );
}

export function unsubscribe(kind: SubscriptionKind) {
  return async ({ services, caller, now }: CommandContext): Promise<View> => {
    const channel = channelOf(caller);
    const what = kind === 'digest' ? 'the daily digest' : 'alerts';
    if (!(await subscriptionsOf(services).removeSubscription(channel, kind, now.toISOString()))) {
      throw new UserError('not-subscribed', { kind });
    }
    return message(
      kind === 'digest' ? 'Daily digest stopped' : 'Alerts stopped',
      `This channel no longer gets ${what}.`,
    );
  };
}

export function listSubscriptions(kind: SubscriptionKind) {
  return async ({ services, caller, now }: CommandContext): Promise<View> => {
    const channel = channelOf(caller);
    const subscriptions = subscriptionsOf(services);
    const all = await subscriptions.listSubscriptions(channel.platform, channel.teamId, kind);
    const where = channel.platform === 'discord' ? 'server' : 'workspace';
    const fields: ViewField[] = [];
    for (const s of all) {
      const here = s.channelId === channel.channelId ? ' (this channel)' : '';
      const parts = [describeFilters(services, s), s.language];
      if (kind === 'digest' && s.localTime) {
        parts.unshift(`${s.localTime} ${s.timeZone}`);
        const last = await subscriptions.latestLedgerRow(s.id);
        if (!s.paused) {
          const next = nextSendInstant(
            { localTime: s.localTime, timeZone: s.timeZone, activeSince: s.activeSince },
            last?.period,
            now,
          );
          parts.push(`next ${formatInstant(next.toISOString(), s.timeZone)}`);
        }
        const sent = await subscriptions.lastCovered(s.id);
        if (sent?.completedAt) parts.push(`last ${formatInstant(sent.completedAt, s.timeZone)}`);
      }
      const paused = s.paused
        ? `PAUSED since ${formatInstant(s.pausedAt ?? now.toISOString(), s.timeZone)}: ${s.pausedReason ?? 'no reason recorded'}. Subscribe again in that channel to resume. `
        : '';
      fields.push({ label: `Channel ${s.channelId}${here}`, value: `${paused}${parts.join(' · ')}` });
    }
    const title = kind === 'digest' ? `Daily digests in this ${where}` : `Alerts in this ${where}`;
    const command = kind === 'digest' ? '/digest subscribe' : '/alerts subscribe';
    return {
      kind: 'message',
      title,
      sections: [
        {
          heading: kind === 'digest' ? 'Subscribed channels' : 'Channels with alerts',
          fields,
          empty: `No channel here is subscribed. Run ${command} in a channel.`,
        },
      ],
    };
  };
}
