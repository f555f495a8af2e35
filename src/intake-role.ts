/**
 * The intake poller as the settings configure it: fetch limits, the failure policy, the private
 * address guard, ReliefWeb's appname and the ACLED account. `sitrep start --role intake` (and
 * `all` when sources exist) runs it on its interval; `sitrep sources poll|watch` runs it from
 * the terminal.
 */
import { hostname } from 'node:os';
import type { Config } from './config.ts';
import type { IntakeStore } from './core/intake-port.ts';
import type { Services } from './core/services.ts';
import { createAcledAuth } from './intake/acled-api.ts';
import { createNodeHttpClient } from './intake/http-client.ts';
import { DEFAULT_FETCH_LIMITS, type FetchLimits } from './intake/polite-fetch.ts';
import { DEFAULT_POLL_POLICY } from './intake/poll-policy.ts';
import { createPoller, type Poller, type PollerLogger } from './intake/poller.ts';

export interface PollerDeps {
  intake: IntakeStore;
  services: Services;
  now(): Date;
  log: PollerLogger;
  /** This process in the source leases; default host and pid. */
  owner?: string;
}

export function createConfiguredPoller(config: Config, deps: PollerDeps): Poller {
  const limits: FetchLimits = {
    ...DEFAULT_FETCH_LIMITS,
    maxBytes: config.INTAKE_MAX_MB * 1024 * 1024,
    timeoutMs: config.INTAKE_TIMEOUT_SECONDS * 1000,
  };
  const client = createNodeHttpClient({ allowPrivate: config.SITREP_ALLOW_PRIVATE_SOURCES });
  const account =
    config.ACLED_EMAIL && config.ACLED_PASSWORD
      ? { email: config.ACLED_EMAIL, password: config.ACLED_PASSWORD }
      : undefined;
  return createPoller({
    intake: deps.intake,
    services: deps.services,
    client,
    limits,
    policy: { ...DEFAULT_POLL_POLICY, maxFailures: config.INTAKE_MAX_FAILURES },
    reliefWebAppname: config.RELIEFWEB_APPNAME,
    acled: account ? createAcledAuth(client, account, limits) : undefined,
    owner: deps.owner ?? `${hostname()}-${process.pid}`,
    now: deps.now,
    log: deps.log,
  });
}
