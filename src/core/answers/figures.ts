/**
 * Figures from the figures table (store.latestIndicators): "how many Kenyan police are deployed",
 * "combien de déplacés". Any figure the store holds is answered the same way, so a new figure is
 * askable without code; where sources give the same date different values, both are said.
 */
import { actorName, figureLabel, formatIndicatorValue, sourceRef } from '../format.ts';
import type { Messages } from '../i18n/messages.ts';
import { normalizeName } from '../places.ts';
import type { PeriodSlot } from '../question-types.ts';
import type { Actor, CasualtyKind, Indicator, Place } from '../schemas.ts';
import { dayAfter } from '../time.ts';
import type { View, ViewField } from '../view.ts';
import { type AnswerContext, answerView, sourcesText } from './common.ts';

/** The observations of a series at its latest date: several when sources disagree. */
export function currentObservations(allSeries: ReadonlyMap<string, readonly Indicator[]>, key: string): Indicator[] {
  const series = allSeries.get(key) ?? [];
  const latest = series
    .map((o) => o.asOf)
    .sort()
    .at(-1);
  return series.filter((o) => o.asOf === latest);
}

/** One sentence: "Kenyan police deployed: at least 800 (as of Mar 2025; source: …)." */
export function figureSentence(observations: readonly Indicator[], m: Messages): string | undefined {
  const [first] = observations;
  if (!first) return undefined;
  const label = figureLabel(first, m);
  const asOf = m.date(first.asOf);
  if (observations.length === 1)
    return m.t('answer.figure', {
      label,
      value: formatIndicatorValue(first, m),
      asOf,
      source: sourcesText([first.source], m),
    });
  const values = observations.map((o) =>
    m.t('value.by-source', {
      value: formatIndicatorValue(o, m),
      source: [o.note, o.source.publisher].filter(Boolean).join(', '),
    }),
  );
  return m.t('answer.figure-differ', { label, values: m.parts(values), asOf });
}

export function figureField(observations: readonly Indicator[], m: Messages): ViewField | undefined {
  const [first] = observations;
  if (!first) return undefined;
  const values = observations.map((o) =>
    observations.length > 1
      ? m.t('value.by-source', { value: formatIndicatorValue(o, m), source: o.source.publisher })
      : formatIndicatorValue(o, m),
  );
  return {
    label: figureLabel(first, m),
    value: m.parts(values),
    asOf: m.date(first.asOf),
    disputed: observations.length > 1 ? true : undefined,
    sources: observations.map((o) => sourceRef(o.source)),
  };
}

export async function answerFigure(ctx: AnswerContext): Promise<View> {
  const { question: q, m } = ctx;
  const latest = ctx.indicators;
  const asked = q.figures.map((f) => f.key).filter((key) => latest.some((i) => i.key === key));
  const [top] = asked;
  const topIndicator = latest.find((i) => i.key === top);
  // Personnel figures go together: deployed is read against expected.
  const companions =
    topIndicator?.group === 'personnel'
      ? latest.filter((i) => i.group === 'personnel' && i.unit === topIndicator.unit).map((i) => i.key)
      : [];
  const leadKeys = [...new Set([...(top ? [top] : []), ...companions])];
  const listed = [...new Set([...leadKeys, ...asked.slice(1)])];
  const observations = new Map<string, Indicator[]>();
  for (const key of listed) observations.set(key, currentObservations(ctx.series, key));
  const lead =
    leadKeys
      .map((key) => figureSentence(observations.get(key) ?? [], m))
      .filter(Boolean)
      .join(' ') || m.t('answer.no-figure');
  const fields = listed
    .map((key) => figureField(observations.get(key) ?? [], m))
    .filter((f): f is ViewField => f !== undefined);
  const newest = [...observations.values()]
    .flat()
    .map((o) => o.asOf)
    .sort()
    .at(-1);
  return answerView(ctx, lead, [{ heading: m.t('answer.figures'), fields, empty: m.t('answer.no-figure') }], newest);
}

/**
 * Figures whose name or other words name the place ("Share of Port-au-Prince under gang
 * control"), so a question about the place reaches them.
 */
export function figuresAbout(
  place: Place,
  indicators: readonly Indicator[],
  series: ReadonlyMap<string, readonly Indicator[]>,
  m: Messages,
): ViewField[] {
  if (place.kind === 'country') return [];
  const names = [place.name, ...Object.values(place.names), ...place.aliases]
    .map((n) => normalizeName(n ?? ''))
    .filter((n) => n.length >= 4);
  const fields: ViewField[] = [];
  for (const indicator of indicators) {
    const words = indicatorWords(indicator);
    if (!names.some((n) => words.some((w) => w.includes(` ${n} `)))) continue;
    const field = figureField(currentObservations(series, indicator.key), m);
    if (field) fields.push(field);
  }
  return fields;
}

/** A figure's words, normalised: the store hands the same figures until they change. */
const normalisedWords = new WeakMap<Indicator, string[]>();
function indicatorWords(indicator: Indicator): string[] {
  let words = normalisedWords.get(indicator);
  if (!words) {
    words = [indicator.label, ...(indicator.aliases ?? [])].map((w) => ` ${normalizeName(w)} `);
    normalisedWords.set(indicator, words);
  }
  return words;
}

/**
 * Figures that count casualties of the kinds asked about ("killed in gang violence in 2024"),
 * dated within the period asked about if there is one: national counts that no list of events
 * adds up to.
 */
export function figuresCounting(
  kinds: readonly CasualtyKind[],
  window: PeriodSlot | undefined,
  series: ReadonlyMap<string, readonly Indicator[]>,
): Indicator[][] {
  const out: Indicator[][] = [];
  for (const key of series.keys()) {
    const observations = currentObservations(series, key);
    const [first] = observations;
    if (!first?.casualtyKind || !kinds.includes(first.casualtyKind)) continue;
    // A partial date ("2024") sorts before its first day, and dayAfter gives the day its span ends.
    if (window && (first.asOf > window.until || dayAfter(first.asOf) <= window.from)) continue;
    out.push(observations);
  }
  return out;
}

/**
 * "How many Jamaican soldiers are there?": no figure counts a contingent other than Kenya's, so
 * the answer says so and gives the figures that list its country (countries with personnel).
 */
export function answerContingentCount(ctx: AnswerContext, contingent: Actor): View | undefined {
  const { m } = ctx;
  const names = new Set([contingent.name, ...contingent.aliases].map((n) => normalizeName(n)));
  const listing = ctx.indicators.filter((i) => i.items?.some((item) => names.has(normalizeName(item))));
  if (listing.length === 0) return undefined;
  const observations = listing.map((i) => currentObservations(ctx.series, i.key));
  const lead = [
    m.t('answer.no-count-of', { actor: actorName(contingent, m) }),
    ...observations.map((o) => figureSentence(o, m)),
  ].join(' ');
  const fields = observations.map((o) => figureField(o, m)).filter((f): f is ViewField => f !== undefined);
  const newest = listing
    .map((i) => i.asOf)
    .sort()
    .at(-1);
  const view = answerView(ctx, lead, [{ heading: m.t('answer.figures'), fields }], newest);
  return { ...view, title: m.t('answer.title', { intent: 'figure', asked: 'how_many' }) };
}
