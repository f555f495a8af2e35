/**
 * /status: the mission's state at a glance. Every figure carries its "as of" date and source;
 * casualty totals say which part comes from disputed reports.
 */
import { dataAgeLine, withAgeLine } from './data-age.ts';
import { eventItem, figureLabel, formatIndicatorValue, sourceRef, totalsFields, uniqueSources } from './format.ts';
import type { Language } from './i18n/language.ts';
import { type Messages, messagesFor } from './i18n/messages.ts';
import type { Indicator } from './schemas.ts';
import type { Services } from './services.ts';
import { sourceFreshness } from './source-freshness.ts';
import { formatOccurred } from './time.ts';
import type { View, ViewField } from './view.ts';

const INCIDENT_CATEGORIES = ['clash', 'attack', 'kidnapping', 'assassination'] as const;

/** The latest observations of each series: several when sources report the same date differently. */
async function currentFigures(services: Services): Promise<Map<string, Indicator[]>> {
  const out = new Map<string, Indicator[]>();
  for (const [key, series] of await services.store.allIndicatorSeries()) {
    const latest = series.at(-1);
    if (latest)
      out.set(
        key,
        series.filter((i) => i.asOf === latest.asOf),
      );
  }
  return out;
}

function figureField(label: string, observations: Indicator[] | undefined, m: Messages): ViewField | undefined {
  if (!observations || observations.length === 0) return undefined;
  // Sources that disagree each give their value; a note belongs with its own value, not at the end.
  const values = observations.map((o) =>
    observations.length > 1
      ? m.t('value.by-source', {
          value: formatIndicatorValue(o, m),
          source: [o.note, o.source.publisher].filter(Boolean).join(', '),
        })
      : formatIndicatorValue(o, m),
  );
  return {
    label,
    value: m.parts(values),
    disputed: observations.length > 1 ? true : undefined,
    asOf: observations[0]?.asOf,
    sources: observations.map((o) => sourceRef(o.source)),
  };
}

export async function status(services: Services, now: Date, language: Language = 'en'): Promise<View> {
  const { store, gazetteer, settings } = services;
  const m = messagesFor(language);
  // Independent reads, sent at once: on a shared store each is a round trip.
  const [figures, totals, disputed, casualtyPage, incidentPage, eventCount, newestPage] = await Promise.all([
    currentFigures(services),
    store.casualtyTotals({ casualtyGroup: 'mss' }),
    store.casualtyTotals({ casualtyGroup: 'mss', confidences: ['disputed'] }),
    store.listEvents({ casualtyGroup: 'mss' }, { limit: 20 }),
    store.listEvents({ categories: [...INCIDENT_CATEGORIES] }, { limit: settings.latestIncidents }),
    store.countEvents({}),
    store.listEvents({}, { limit: 1 }),
  ]);
  const deployed = figures.get('kenya-police-deployed');
  const expected = figures.get('mss-personnel-expected');

  const personnel: ViewField[] = [];
  const deployedField = figureField(m.t('status.deployed'), deployed, m);
  const expectedField = figureField(m.t('status.expected'), expected, m);
  if (deployedField) personnel.push(deployedField);
  if (expectedField) personnel.push(expectedField);
  const d = deployed?.[0]?.value;
  const e = expected?.[0]?.value;
  if (typeof d === 'number' && typeof e === 'number' && e > 0) {
    personnel.push({
      label: m.t('status.share'),
      value: m.t('value.compared', {
        comparator: deployed?.[0]?.comparator === 'exact' ? 'exact' : 'at_least',
        value: m.t('value.percent', { value: m.number(Math.round((100 * d) / e)) }),
      }),
      asOf: deployed?.[0]?.asOf,
      sources: uniqueSources([...(deployed ?? []), ...(expected ?? [])].map((o) => o.source)),
    });
  }

  const countries = [
    figureField(m.t('status.contributing'), figures.get('countries-present'), m),
    figureField(m.t('status.pledged'), figures.get('countries-pledged'), m),
  ].filter((f): f is ViewField => f !== undefined);

  const casualtyEvents = casualtyPage.events;
  const casualtyFields = totalsFields(totals, 'mss', disputed, undefined, false, m).map(({ kind, ...f }) => {
    // Each figure cites the reports it adds up, newest first.
    const reports = casualtyEvents.filter((s) => s.event.casualties.some((c) => c.group === 'mss' && c.kind === kind));
    return {
      ...f,
      asOf: reports[0]?.event.occurredAt.slice(0, 10),
      sources: uniqueSources(reports.flatMap((s) => s.event.sources)).slice(0, 4),
    };
  });

  const incidents = incidentPage.events.map((s) => eventItem(s, gazetteer, settings.timeZone, [], m));

  const groupFields = (group: Indicator['group']) =>
    [...figures.values()]
      .filter((obs) => obs[0]?.group === group)
      .map((obs) => figureField(obs[0] ? figureLabel(obs[0], m) : '', obs, m))
      .filter((f): f is ViewField => f !== undefined);

  // The footer dates the records, not the answer: "as of today" over data months old would mislead.
  const newest = newestPage.events[0]?.event;
  const age = dataAgeLine(newest?.occurredAt, now, m, {
    timeZone: settings.timeZone,
    staleAfterDays: settings.staleAfterDays,
  });
  return {
    kind: 'status',
    language,
    title: m.t('status.title'),
    summary: withAgeLine(withAgeLine(m.t('status.summary'), age), await sourceFreshness(services, m)),
    sections: [
      { heading: m.t('status.personnel'), fields: personnel, empty: m.t('status.no-personnel') },
      { heading: m.t('status.casualties'), fields: casualtyFields, empty: m.t('status.no-casualties') },
      { heading: m.t('status.incidents'), items: incidents, empty: m.t('status.no-incidents') },
      {
        heading: m.t('status.figures'),
        fields: [...groupFields('security'), ...groupFields('humanitarian')],
        empty: m.t('status.no-figures'),
      },
      { heading: m.t('status.countries'), fields: countries, empty: m.t('status.no-countries') },
    ],
    footer: m.t('status.footer', {
      count: eventCount,
      newest: newest ? formatOccurred(newest.occurredAt, newest.timePrecision, settings.timeZone, m) : 'none',
      zone: settings.timeZone,
    }),
  };
}
