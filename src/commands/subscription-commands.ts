/**
 * What `/digest subscribe|unsubscribe|list` and `/alerts subscribe|unsubscribe|list` do. Every
 * argument is checked before anything is stored, so a bad time, time zone or place changes
 * nothing. The declarations live in src/commands/commands.ts.
 */

import { UserError } from '../core/errors.ts';
import { isLanguage, LANGUAGES, languageOfLocale } from '../core/i18n/language.ts';
import { type Messages, messagesFor } from '../core/i18n/messages.ts';
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
import { LANGUAGE_CHOICES } from './language-command.ts';

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

function describeFilters(services: Services, s: Pick<Subscription, 'placeId' | 'category'>, m: Messages): string {
  const parts: string[] = [];
  if (s.placeId) parts.push(m.t('subs.in-place', { place: services.gazetteer.get(s.placeId)?.name ?? s.placeId }));
  if (s.category) parts.push(m.t('subs.in-category', { category: m.t('category.name', { category: s.category }) }));
  return parts.length ? parts.join(', ') : m.t('subs.everything');
}

/** A subscription's language by its own name ("Français"), as the choices show it. */
const languageName = (language: Language) => LANGUAGE_CHOICES.find((c) => c.value === language)?.name ?? language;

function message(m: Messages, title: string, summary: string, fields: ViewField[] = []): View {
  return {
    kind: 'message',
    language: m.language,
    title,
    summary,
    sections: fields.length ? [{ heading: m.t('subs.settings'), fields }] : [],
  };
}

export async function subscribeDigest(
  { services, caller, now, language: asked }: CommandContext,
  args: Args,
): Promise<View> {
  const m = messagesFor(asked ?? 'en');
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
    m,
    m.t('subs.digest-subscribed-title'),
    m.t('subs.digest-subscribed', {
      time: localTime,
      zone: timeZone,
      first: formatInstant(next.toISOString(), timeZone, m),
    }),
    [
      { label: m.t('subs.covers'), value: describeFilters(services, subscription, m) },
      { label: m.t('subs.language'), value: languageName(language) },
    ],
  );
}

export async function subscribeAlerts(
  { services, caller, now, language: asked }: CommandContext,
  args: Args,
): Promise<View> {
  const m = messagesFor(asked ?? 'en');
  const channel = channelOf(caller);
  const filters = filtersOf(services, args);
  const language = languageOf(args, caller);
  const subscription = await subscriptionsOf(services).upsertSubscription(
    { ...channel, kind: 'alert', timeZone: services.settings.timeZone, language, ...filters, createdBy: caller.userId },
    now.toISOString(),
  );
  return message(
    m,
    m.t('subs.alerts-subscribed-title'),
    m.t('subs.alerts-subscribed', { filters: describeFilters(services, subscription, m) }),
    [{ label: m.t('subs.language'), value: languageName(language) }],
  );
}

export function unsubscribe(kind: SubscriptionKind) {
  return async ({ services, caller, now, language }: CommandContext): Promise<View> => {
    const m = messagesFor(language ?? 'en');
    const channel = channelOf(caller);
    if (!(await subscriptionsOf(services).removeSubscription(channel, kind, now.toISOString()))) {
      throw new UserError('not-subscribed', { kind });
    }
    return message(m, m.t('subs.stopped-title', { kind }), m.t('subs.stopped', { kind }));
  };
}

export function listSubscriptions(kind: SubscriptionKind) {
  return async ({ services, caller, now, language }: CommandContext): Promise<View> => {
    const m = messagesFor(language ?? 'en');
    const channel = channelOf(caller);
    const subscriptions = subscriptionsOf(services);
    const all = await subscriptions.listSubscriptions(channel.platform, channel.teamId, kind);
    const fields: ViewField[] = [];
    for (const s of all) {
      const here = s.channelId === channel.channelId ? m.t('subs.this-channel') : '';
      const parts = [describeFilters(services, s, m), languageName(s.language)];
      if (kind === 'digest' && s.localTime) {
        parts.unshift(`${s.localTime} ${s.timeZone}`);
        const last = await subscriptions.latestLedgerRow(s.id);
        if (!s.paused) {
          const next = nextSendInstant(
            { localTime: s.localTime, timeZone: s.timeZone, activeSince: s.activeSince },
            last?.period,
            now,
          );
          parts.push(m.t('subs.next', { when: formatInstant(next.toISOString(), s.timeZone, m) }));
        }
        const sent = await subscriptions.lastCovered(s.id);
        if (sent?.completedAt) parts.push(m.t('subs.last', { when: formatInstant(sent.completedAt, s.timeZone, m) }));
      }
      // The pause reason is what the scheduler recorded (the platform's refusal), kept as recorded.
      const paused = s.paused
        ? `${m.t('subs.paused', {
            since: formatInstant(s.pausedAt ?? now.toISOString(), s.timeZone, m),
            reason: s.pausedReason ?? m.t('subs.no-reason'),
          })} `
        : '';
      fields.push({ channel: s.channelId, label: here, value: `${paused}${parts.join(' · ')}` });
    }
    const command = kind === 'digest' ? '/digest subscribe' : '/alerts subscribe';
    return {
      kind: 'message',
      language: m.language,
      title: m.t('subs.list-title', { kind, platform: channel.platform }),
      sections: [
        {
          heading: m.t('subs.list-heading', { kind }),
          fields,
          empty: m.t('subs.list-empty', { command }),
        },
      ],
    };
  };
}
