/**
 * What every core query is given: the store, the gazetteer, the actors and the settings. The
 * composition root (src/main.ts) builds it once; tests build it from plain values.
 */
import type { IntakeStore } from './intake-port.ts';
import type { Gazetteer } from './places.ts';
import type { SavedQueryStore } from './saved-query-port.ts';
import type { Actor, Person } from './schemas.ts';
import type { Store } from './store-port.ts';
import type { SubscriptionStore } from './subscription-port.ts';

export interface CoreSettings {
  /** Time zone dates are shown in and "today" means (IANA). */
  timeZone: string;
  /** Events per timeline page. */
  pageSize: number;
  /** Incidents listed under /status. */
  latestIncidents: number;
  /** Days after which the newest record behind an answer is called old, with its date. */
  staleAfterDays: number;
  /** Who may report and change events besides channel managers (ids the adapters match). */
  reporters: ReporterSettings;
}

export interface ReporterSettings {
  /** Discord role ids. */
  discordRoleIds: readonly string[];
  /** Slack user ids or user-group ids. */
  slackIds: readonly string[];
}

export const defaultCoreSettings: CoreSettings = {
  timeZone: 'America/Port-au-Prince',
  pageSize: 10,
  latestIncidents: 5,
  staleAfterDays: 14,
  reporters: { discordRoleIds: [], slackIds: [] },
};

export interface Services {
  store: Store;
  gazetteer: Gazetteer;
  actors: ReadonlyMap<string, Actor>;
  /** People the records name, so questions can name them (from the seed events until the store lists them). */
  people?: readonly Person[] | undefined;
  settings: CoreSettings;
  /** Digest and alert subscriptions with their ledger; absent where nothing posts (the CLI). */
  subscriptions?: SubscriptionStore | undefined;
  /** Queries of buttons too long for the button; absent where no button is sent (the CLI). */
  savedQueries?: SavedQueryStore | undefined;
  /** Sources and leads; absent where intake is not kept (a Postgres store, a worker process). */
  intake?: IntakeStore | undefined;
}
