/** Indicator rows as both stores read them for allIndicatorSeries. */
import type { Indicator } from '../core/schemas.ts';

/** Rows ordered by key (and within a key, oldest first) as a map of series. */
export function seriesByKey(rows: Iterable<{ key: string; json: string }>): Map<string, Indicator[]> {
  const series = new Map<string, Indicator[]>();
  for (const row of rows) {
    const observation = JSON.parse(row.json) as Indicator;
    const list = series.get(row.key);
    if (list) list.push(observation);
    else series.set(row.key, [observation]);
  }
  return series;
}
