/**
 * /status: the mission's state at a glance. Every figure carries its "as of" date and source;
 * casualty totals say which part comes from disputed reports.
 */
import { eventItem, formatIndicatorValue, formatNumber, sourceRef, totalsFields, uniqueSources } from './format.ts';
import type { Indicator } from './schemas.ts';
import type { Services } from './services.ts';
import { formatDay } from './time.ts';
import type { View, ViewField } from './view.ts';

const INCIDENT_CATEGORIES = ['clash', 'attack', 'kidnapping', 'assassination'] as const;

/** The latest observations of each series: several when sources report the same date differently. */
async function currentFigures(services: Services): Promise<Map<string, Indicator[]>> {
  const out = new Map<string, Indicator[]>();
  for (const latest of await services.store.latestIndicators()) {
    const series = await services.store.indicatorSeries(latest.key);
    out.set(
      latest.key,
      series.filter((i) => i.asOf === latest.asOf),
    );
  }
  return out;
}

function figureField(label: string, observations: Indicator[] | undefined): ViewField | undefined {
  if (!observations || observations.length === 0) return undefined;
  const values = observations.map((o) =>
    observations.length > 1 ? `${formatIndicatorValue(o)} (${o.source.publisher})` : formatIndicatorValue(o),
  );
  const notes = observations.map((o) => o.note).filter(Boolean);
  return {
    label,
    value: [values.join('; '), ...notes].join('. '),
    asOf: observations[0]?.asOf,
    sources: observations.map((o) => sourceRef(o.source)),
  };
}

export async function status(services: Services, now: Date): Promise<View> {
  const { store, gazetteer, settings } = services;
  const figures = await currentFigures(services);
  const deployed = figures.get('kenya-police-deployed');
  const expected = figures.get('mss-personnel-expected');

  const personnel: ViewField[] = [];
  const deployedField = figureField('Deployed (Kenyan police)', deployed);
  const expectedField = figureField('Expected in total', expected);
  if (deployedField) personnel.push(deployedField);
  if (expectedField) personnel.push(expectedField);
  const d = deployed?.[0]?.value;
  const e = expected?.[0]?.value;
  if (typeof d === 'number' && typeof e === 'number' && e > 0) {
    personnel.push({
      label: 'Share of the expected force',
      value: `${deployed?.[0]?.comparator === 'exact' ? '' : 'at least '}${Math.round((100 * d) / e)} %`,
      asOf: deployed?.[0]?.asOf,
      sources: uniqueSources([...(deployed ?? []), ...(expected ?? [])].map((o) => o.source)),
    });
  }

  const countries = [
    figureField('Contributing countries', figures.get('countries-present')),
    figureField('Pledged countries', figures.get('countries-pledged')),
  ].filter((f): f is ViewField => f !== undefined);

  const totals = await store.casualtyTotals({ casualtyGroup: 'mss' });
  const disputed = await store.casualtyTotals({ casualtyGroup: 'mss', confidences: ['disputed'] });
  const casualtyEvents = (await store.listEvents({ casualtyGroup: 'mss' }, { limit: 20 })).events;
  const casualtyFields = totalsFields(totals, 'mss', disputed).map((f) => {
    // Each figure cites the reports it adds up, newest first.
    const reports = casualtyEvents.filter((s) =>
      s.event.casualties.some((c) => c.group === 'mss' && c.kind === f.label.toLowerCase()),
    );
    return {
      ...f,
      asOf: reports[0]?.event.occurredAt.slice(0, 10),
      sources: uniqueSources(reports.flatMap((s) => s.event.sources)).slice(0, 4),
    };
  });

  const incidents = (
    await store.listEvents({ categories: [...INCIDENT_CATEGORIES] }, { limit: settings.latestIncidents })
  ).events.map((s) => eventItem(s, gazetteer, settings.timeZone));

  const groupFields = (group: Indicator['group']) =>
    [...figures.values()]
      .filter((obs) => obs[0]?.group === group)
      .map((obs) => figureField(obs[0]?.label ?? '', obs))
      .filter((f): f is ViewField => f !== undefined);

  const eventCount = await store.countEvents({});
  return {
    kind: 'status',
    title: 'MSS Haiti: mission status',
    summary:
      'The Multinational Security Support mission in Haiti, from the records Sitrep holds. Each figure gives its date and source; disputed reports are marked.',
    sections: [
      { heading: 'Personnel', fields: personnel, empty: 'No personnel figures recorded.' },
      { heading: 'Countries', fields: countries, empty: 'No country figures recorded.' },
      {
        heading: 'MSS casualties to date',
        fields: casualtyFields,
        empty: 'No MSS casualties recorded.',
      },
      { heading: 'Latest incidents', items: incidents, empty: 'No incidents recorded.' },
      {
        heading: 'Security and humanitarian figures',
        fields: [...groupFields('security'), ...groupFields('humanitarian')],
        empty: 'No figures recorded.',
      },
    ],
    footer: `${formatNumber(eventCount)} events on record · as of ${formatDay(now.toISOString(), settings.timeZone)} · times in ${settings.timeZone}`,
  };
}
