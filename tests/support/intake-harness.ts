/**
 * What poller tests run on: a local feed server, a seeded app, an intake store file (or two
 * connections to it, as two processes would have), a settable clock and a silent logger.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { App } from '../../src/app.ts';
import type { IntakeStore } from '../../src/core/intake-port.ts';
import { createAcledAuth } from '../../src/intake/acled-api.ts';
import { createNodeHttpClient, type HttpClient } from '../../src/intake/http-client.ts';
import { DEFAULT_FETCH_LIMITS } from '../../src/intake/polite-fetch.ts';
import { DEFAULT_POLL_POLICY } from '../../src/intake/poll-policy.ts';
import { createPoller, type Poller, type PollerOptions } from '../../src/intake/poller.ts';
import { openSqliteIntakeStore } from '../../src/store/sqlite-intake.ts';
import { FeedServer } from './feed-server.ts';
import { FakeClock } from './scheduler-harness.ts';
import { createTestApp } from './services.ts';
import { EVENTUALLY_MS } from './timing.ts';

export const silentLog = { info() {}, warn() {}, error() {} };

export class IntakeWorld {
  readonly dir = mkdtempSync(join(tmpdir(), 'sitrep-intake-'));
  readonly path = join(this.dir, 'sitrep.db');
  readonly server = new FeedServer();
  readonly clock = new FakeClock('2025-03-26T12:00:00Z');
  /** The seeded app on ':memory:', opened by start(). */
  app!: App;
  readonly stores: IntakeStore[] = [];
  readonly open: HttpClient = createNodeHttpClient({ allowPrivate: true });

  async start(): Promise<this> {
    this.app = await createTestApp();
    await this.server.start();
    return this;
  }

  /** A connection to the intake tables of the world's file. */
  intake(): IntakeStore {
    const store = openSqliteIntakeStore(this.path, { now: this.clock.now });
    this.stores.push(store);
    return store;
  }

  /** Closes `store` with the world. */
  track(store: IntakeStore): IntakeStore {
    this.stores.push(store);
    return store;
  }

  poller(intake: IntakeStore, overrides: Partial<PollerOptions> = {}): Poller {
    // A loopback fetch is quick, but not on a busy machine.
    const limits = { ...DEFAULT_FETCH_LIMITS, timeoutMs: EVENTUALLY_MS };
    return createPoller({
      intake,
      services: this.app.services,
      client: this.open,
      limits,
      policy: DEFAULT_POLL_POLICY,
      reliefWebAppname: 'sitrep-test-app',
      acled: createAcledAuth(this.open, { email: 'desk@example.org', password: 'pw' }, limits),
      owner: 'test-poller',
      now: this.clock.now,
      log: silentLog,
      ...overrides,
    });
  }

  async cleanup(): Promise<void> {
    for (const store of this.stores) await store.close();
    await this.app?.close();
    await this.server.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
