/**
 * What Slack says of a user that answers need: the locale (users.info with include_locale, the
 * language choice's "user's locale", as Discord's interaction.locale is) and the name a shared
 * answer is credited to. Kept per user for an hour, at most `max` users (least recently used
 * first out). A lookup is made after the acknowledgement and waited for at most `budgetMs`;
 * one that fails or is late answers without it (a late one still fills the cache), and a failing
 * users.info is logged once, not on every question.
 */
import type { webApi } from '@slack/bolt';

export interface SlackUserInfo {
  /** "fr-FR", "en-US": Slack's locale for the user. */
  locale?: string | undefined;
  /** Display name, else real name, else the handle. */
  name?: string | undefined;
}

export interface UserDirectory {
  lookup(client: webApi.WebClient, userId: string): Promise<SlackUserInfo>;
}

export interface UserDirectoryOptions {
  ttlMs?: number;
  /** A failed lookup is tried again after this long, not on every question. */
  failedTtlMs?: number;
  max?: number;
  budgetMs?: number;
  clock?: () => number;
}

interface DirectoryLogger {
  warn(obj: object, msg: string): void;
}

export function createUserDirectory(logger: DirectoryLogger, options: UserDirectoryOptions = {}): UserDirectory {
  const ttlMs = options.ttlMs ?? 3_600_000;
  const failedTtlMs = options.failedTtlMs ?? 300_000;
  const max = options.max ?? 10_000;
  const budgetMs = options.budgetMs ?? 1_000;
  const clock = options.clock ?? Date.now;
  const known = new Map<string, { info: SlackUserInfo; until: number }>();
  const asking = new Map<string, Promise<SlackUserInfo>>();
  let warned = false;

  const remember = (userId: string, info: SlackUserInfo, forMs: number) => {
    known.delete(userId);
    known.set(userId, { info, until: clock() + forMs });
    if (known.size > max) known.delete(known.keys().next().value as string);
  };

  const ask = async (client: webApi.WebClient, userId: string): Promise<SlackUserInfo> => {
    try {
      const { user } = await client.users.info({ user: userId, include_locale: true });
      const info: SlackUserInfo = {
        locale: user?.locale || undefined,
        name: user?.profile?.display_name || user?.real_name || user?.name || undefined,
      };
      remember(userId, info, ttlMs);
      return info;
    } catch (err) {
      if (!warned) {
        warned = true;
        logger.warn({ err, userId }, 'slack: users.info failed; answering without the user’s locale (logged once)');
      }
      remember(userId, {}, failedTtlMs);
      return {};
    }
  };

  return {
    async lookup(client, userId) {
      const hit = known.get(userId);
      if (hit && hit.until > clock()) {
        known.delete(userId);
        known.set(userId, hit);
        return hit.info;
      }
      let pending = asking.get(userId);
      if (!pending) {
        pending = ask(client, userId).finally(() => asking.delete(userId));
        asking.set(userId, pending);
      }
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<SlackUserInfo>((resolve) => {
        timer = setTimeout(() => resolve({}), budgetMs);
      });
      try {
        return await Promise.race([pending, late]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
