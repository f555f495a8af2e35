import { describe, expect, it } from 'vitest';
import { messagesFor } from '../../src/core/i18n/messages.ts';
import { moreActionFor, moreScreen, moreScreens } from '../../src/core/more-screens.ts';
import type { View, ViewItem } from '../../src/core/view.ts';

const m = messagesFor('en');

/** Characters a plain rendering shows: every text of the screen, the way a renderer counts them. */
function chars(view: View): number {
  const texts: string[] = [view.title, view.summary ?? '', view.footer ?? ''];
  for (const s of view.sections) {
    texts.push(s.heading, s.empty ?? '');
    for (const f of s.fields ?? []) texts.push(f.label, f.value, ...(f.sources ?? []).map((x) => x.publisher));
    for (const i of s.items ?? [])
      texts.push(
        i.when ?? '',
        i.title,
        i.text ?? '',
        ...(i.claims ?? []),
        ...i.sources.flatMap((x) => [x.publisher, x.title ?? '', x.url ?? '']),
      );
  }
  return texts.join('\n').length;
}
const fitsWithin = (max: number) => (view: View) => chars(view) <= max;

function item(n: number, detail = 'Details of the event, as the source tells them. '.repeat(3)): ViewItem {
  return {
    id: `event-${n}`,
    when: `${n} Mar 2025`,
    title: `Event number ${n} at the crossroads`,
    text: detail,
    place: 'Pont-Sondé',
    sources: [
      { publisher: 'MSS', title: `Statement ${n} on the incident`, url: `https://example.org/mss/${n}` },
      { publisher: 'KDRTV', title: `Report ${n}`, url: `https://example.org/kdrtv/${n}` },
      { publisher: 'Capital FM', title: `Story ${n}` },
    ],
    claims: [`Place: Kenscoff (source ${n})`],
  };
}

const full: View = {
  kind: 'location',
  language: 'en',
  title: 'Pont-Sondé: what happened',
  summary: 'Pont-Sondé (locality, Saint-Marc, Artibonite). 14 events recorded here.',
  sections: [
    {
      heading: 'Casualties',
      fields: [
        { label: 'MSS injured', value: '1', sources: [{ publisher: 'MSS' }, { publisher: 'KDRTV' }] },
        { label: 'HNP killed', value: 'unknown', sources: [{ publisher: 'HNP' }] },
      ],
    },
    { heading: 'What happened', items: Array.from({ length: 12 }, (_, i) => item(i + 1)) },
    { heading: 'Claims checked', items: [], empty: 'Nothing disputed here.' },
  ],
  footer: 'Sources: MSS, KDRTV',
  sourcesNote: true,
  moreAction: moreActionFor('location', { place: 'pont-sonde', radius_km: 10, cursor: 'a1' }),
};

const entriesOf = (view: View) => [
  ...view.sections.flatMap((s) => (s.fields ?? []).map((f) => f.label)),
  ...view.sections.flatMap((s) => (s.items ?? []).map((i) => i.id)),
];

describe('More screens', () => {
  const fits = fitsWithin(1500);
  const screens = moreScreens(full, fits, m);

  it('cuts the full answer into several screens, each within the screen', () => {
    expect(screens.length).toBeGreaterThan(2);
    for (const screen of screens) expect(chars(screen)).toBeLessThanOrEqual(1500);
  });

  it('shows every entry of the full view on exactly one screen, in order, with its details', () => {
    const shown = screens.flatMap(entriesOf);
    const expected = entriesOf(full);
    expect(shown).toEqual(expected);
    const items = screens.flatMap((s) => s.sections.flatMap((x) => x.items ?? []));
    // Every detail, claim and source title of the full answer is there.
    expect(items).toEqual(full.sections[1]?.items);
    expect(screens[0]?.summary).toBe(full.summary);
    expect(screens.slice(1).every((s) => s.summary === undefined)).toBe(true);
    const last = screens[screens.length - 1] as View;
    expect(last.sections.at(-1)).toMatchObject({ heading: 'Claims checked', empty: 'Nothing disputed here.' });
  });

  it('repeats a section heading on the screen where it goes on', () => {
    const headings = screens.map((s) => s.sections.map((x) => x.heading));
    for (const h of headings.slice(1)) expect(h[0]).toBe('What happened');
  });

  it('numbers the screens from 2 and gives every one but the last a More for the next', () => {
    const count = screens.length + 1;
    for (const [i, screen] of screens.entries()) {
      expect(screen.footer).toBe(`Sources: MSS, KDRTV · More, ${i + 2} of ${count}`);
      if (i < screens.length - 1)
        expect(screen.moreAction).toEqual({
          kind: 'more',
          command: 'location',
          args: { place: 'pont-sonde', radius_km: 10 },
          cursor: 'a1',
          part: i + 3,
        });
      else expect(screen.moreAction).toBeUndefined();
    }
    expect(screens.every((s) => !s.sourcesNote && !s.actions && !s.map)).toBe(true);
  });

  it('picks a screen by its part, the last one past the end', () => {
    expect(moreScreen(full, 2, fits, m)).toEqual(screens[0]);
    expect(moreScreen(full, 3, fits, m)).toEqual(screens[1]);
    expect(moreScreen(full, 99, fits, m)).toEqual(screens.at(-1));
  });

  it('shortens an event too long for a screen alone at a word, and keeps the others whole', () => {
    const long = item(99, `${'A very long account of the day, word after word. '.repeat(60)}End.`);
    const view: View = { ...full, sections: [{ heading: 'What happened', items: [item(1), long, item(2)] }] };
    const parts = moreScreens(view, fits, m);
    const items = parts.flatMap((s) => s.sections.flatMap((x) => x.items ?? []));
    expect(items.map((i) => i.id)).toEqual(['event-1', 'event-99', 'event-2']);
    expect(items[0]).toEqual(item(1));
    expect(items[2]).toEqual(item(2));
    const shortened = items[1] as ViewItem;
    expect(shortened.text?.length).toBeLessThan(long.text?.length ?? 0);
    expect(shortened.text).toMatch(/word\. A very long account of the day, word after( word\.)? …$|\w …$/);
    expect(long.text?.startsWith((shortened.text ?? '').replace(/ …$/, ''))).toBe(true);
    for (const screen of parts) expect(chars(screen)).toBeLessThanOrEqual(1500);
  });

  it('drops an event’s details, as a first screen does, when even its shortened text does not fit', () => {
    const small = fitsWithin(330);
    const view: View = { ...full, summary: undefined, sections: [{ heading: 'H', items: [item(7)] }] };
    expect(small({ ...view, footer: `${view.footer} · More, 2 of 2` })).toBe(false);
    const parts = moreScreens(view, small, m);
    expect(parts).toHaveLength(1);
    const shown = parts[0]?.sections[0]?.items?.[0] as ViewItem;
    expect(shown.id).toBe('event-7');
    expect(shown.text === undefined || shown.claims === undefined).toBe(true);
    expect(chars(parts[0] as View)).toBeLessThanOrEqual(330);
  });

  it('is one screen, without More, for an answer that fits whole', () => {
    const short: View = { ...full, sections: [{ heading: 'What happened', items: [item(1)] }] };
    const parts = moreScreens(short, fits, m);
    expect(parts).toHaveLength(1);
    expect(parts[0]?.moreAction).toBeUndefined();
    expect(parts[0]?.footer).toBe('Sources: MSS, KDRTV · More, 2 of 2');
  });
});
