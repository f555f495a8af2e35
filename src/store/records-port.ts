/**
 * The small records beside the events (figures, named settings, applied seed records): the part
 * of the Store port each store keeps in a module of its own. Named once so that both stores'
 * modules cover the same methods.
 */
import type { Store } from '../core/store-port.ts';

export type RecordMethod =
  | 'putIndicator'
  | 'latestIndicators'
  | 'indicatorSeries'
  | 'allIndicatorSeries'
  | 'getMeta'
  | 'setMeta'
  | 'seedHash'
  | 'recordSeed';

export type Records = Pick<Store, RecordMethod>;
