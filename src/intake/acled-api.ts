/**
 * The ACLED API as a source: it signs in with OAuth (the account's e-mail and password, from
 * settings) at the source's own host, keeps the token and refreshes it before it expires (or
 * when a call is refused with 401), asks for the rows changed since the last poll, and maps each
 * row to an event with the ACLED import's own mapping (src/import/acled.ts).
 */
import { z } from 'zod';
import type { Event } from '../core/schemas.ts';
import type { Services } from '../core/services.ts';
import { createAcledMapper } from '../import/acled.ts';
import { ParseFailure } from './feed-items.ts';
import type { HttpClient } from './http-client.ts';
import { type FetchLimits, type FetchOutcome, politeFetch } from './polite-fetch.ts';

export interface AcledAccount {
  email: string;
  password: string;
}

const Token = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().optional(),
  expires_in: z.coerce.number().positive().default(3600),
});

/** Refreshed this long before it expires, so no call goes out with a token about to lapse. */
const EARLY_MS = 60_000;

export interface AcledAuth {
  /** A bearer token for `sourceUrl`'s host, or the failure that kept it from being had. */
  token(sourceUrl: string, now: Date): Promise<string | Extract<FetchOutcome, { kind: 'failed' }>>;
  /** Forgets the token (the API refused it). */
  forget(): void;
}

export function createAcledAuth(client: HttpClient, account: AcledAccount, limits: FetchLimits): AcledAuth {
  let held: { access: string; refresh?: string | undefined; expiresAt: number } | undefined;

  async function grant(tokenUrl: string, form: Record<string, string>, now: Date) {
    const outcome = await politeFetch(
      client,
      {
        url: tokenUrl,
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams(form).toString(),
      },
      limits,
      now,
    );
    if (outcome.kind !== 'ok')
      return outcome.kind === 'failed'
        ? { ...outcome, reason: `ACLED sign-in: ${outcome.reason}` }
        : { kind: 'failed' as const, reason: 'ACLED sign-in: unexpected 304', permanent: false };
    let parsed: z.infer<typeof Token> | undefined;
    try {
      parsed = Token.parse(JSON.parse(outcome.body.toString('utf8')));
    } catch {
      return { kind: 'failed' as const, reason: 'ACLED sign-in: no token in the answer', permanent: false };
    }
    held = {
      access: parsed.access_token,
      refresh: parsed.refresh_token,
      expiresAt: now.getTime() + parsed.expires_in * 1000,
    };
    return held.access;
  }

  return {
    async token(sourceUrl, now) {
      if (held && held.expiresAt - EARLY_MS > now.getTime()) return held.access;
      const tokenUrl = new URL('/oauth/token', sourceUrl).toString();
      if (held?.refresh) {
        const refreshed = await grant(
          tokenUrl,
          { grant_type: 'refresh_token', refresh_token: held.refresh, client_id: 'acled' },
          now,
        );
        if (typeof refreshed === 'string') return refreshed;
      }
      return grant(
        tokenUrl,
        {
          grant_type: 'password',
          username: account.email,
          password: account.password,
          client_id: 'acled',
          scope: 'authenticated',
        },
        now,
      );
    },
    forget() {
      held = undefined;
    },
  };
}

/** The request for a source: JSON, many rows a call, and only rows changed since `cursor` (a Unix time). */
export function acledUrl(sourceUrl: string, cursor: string | undefined, limit = 5000): string {
  const url = new URL(sourceUrl);
  url.searchParams.set('_format', 'json');
  if (!url.searchParams.has('limit')) url.searchParams.set('limit', String(limit));
  if (cursor !== undefined) {
    url.searchParams.set('timestamp', cursor);
    url.searchParams.set('timestamp_where', '>=');
  }
  return url.toString();
}

/** Fetches the rows; a 401 forgets the token and signs in again once. */
export async function fetchAcled(
  client: HttpClient,
  auth: AcledAuth,
  sourceUrl: string,
  cursor: string | undefined,
  limits: FetchLimits,
  now: Date,
): Promise<FetchOutcome> {
  for (let attempt = 0; ; attempt++) {
    const token = await auth.token(sourceUrl, now);
    if (typeof token !== 'string') return token;
    const outcome = await politeFetch(
      client,
      { url: acledUrl(sourceUrl, cursor), headers: { authorization: `Bearer ${token}`, accept: 'application/json' } },
      limits,
      now,
    );
    if (outcome.kind === 'failed' && outcome.status === 401 && attempt === 0) {
      auth.forget();
      continue;
    }
    return outcome;
  }
}

const Rows = z.object({ data: z.array(z.record(z.string(), z.unknown())) });

export interface AcledBatch {
  events: Event[];
  /** Rows that could not be mapped, with why. */
  invalid: Array<{ row: number; reason: string }>;
  /** The latest row timestamp seen: where the next poll starts. */
  cursor?: string | undefined;
}

/** The rows of one answer as events, through the ACLED import's mapping. */
export function readAcledRows(body: string, services: Pick<Services, 'gazetteer' | 'actors'>): AcledBatch {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new ParseFailure('ACLED answered with something that is not JSON');
  }
  const page = Rows.safeParse(json);
  if (!page.success) throw new ParseFailure('ACLED answered without a "data" list of rows');
  const map = createAcledMapper(services);
  const batch: AcledBatch = { events: [], invalid: [] };
  let latest = -1;
  page.data.data.forEach((row, i) => {
    const cells = Object.fromEntries(
      Object.entries(row).map(([k, v]) => [k, v === null || v === undefined ? '' : String(v)]),
    );
    const result = map({ line: i + 1, cells });
    if (result.ok) batch.events.push(result.event);
    else batch.invalid.push({ row: i + 1, reason: result.reason });
    const timestamp = Number(cells.timestamp);
    if (Number.isSafeInteger(timestamp) && timestamp > latest) latest = timestamp;
  });
  if (latest >= 0) batch.cursor = String(latest);
  return batch;
}
