import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodePageId, decodeSavedId, encodePageId } from '../../../src/bots/discord/custom-id.ts';
import { embedChars, messageProblems } from '../../../src/bots/discord/limits.ts';
import { renderView } from '../../../src/bots/discord/render.ts';
import { savedQueryId, savedQueryText } from '../../../src/core/saved-query-port.ts';
import type { View, ViewItem } from '../../../src/core/view.ts';

const allText = (m: ReturnType<typeof renderView>) =>
  m.embeds
    .flatMap((e) => [e.title, e.description, e.footer?.text, ...(e.fields ?? []).flatMap((f) => [f.name, f.value])])
    .filter(Boolean)
    .join('\n');

function item(i: number, extra: Partial<ViewItem> = {}): ViewItem {
  return {
    id: `ev-${i}`,
    when: `${(i % 28) + 1} Mar 2025`,
    title: `Event number ${i}`,
    text: `Details of event ${i}.`,
    place: 'Pont-Sondé, Artibonite',
    sources: [
      {
        publisher: `Publisher ${i}`,
        url: `https://news.example/${i}`,
        date: '2025-03-26',
      },
    ],
    ...extra,
  };
}

describe('renderView', () => {
  it('shows each figure with its sources, linked and dated, and marks disputed figures', () => {
    const view: View = {
      kind: 'status',
      title: 'MSS status',
      summary: 'The mission as reported.',
      sections: [
        {
          heading: 'Personnel',
          fields: [
            {
              label: 'Kenyan police deployed',
              value: 'at least 800',
              asOf: 'Mar 2025',
              sources: [
                {
                  publisher: 'AP',
                  url: 'https://apnews.com/x',
                  date: '2025-03-26',
                },
                { publisher: 'MSS' },
              ],
            },
            {
              label: 'Officer condition',
              value: 'critical (article) or stable (MSS)',
              disputed: true,
              sources: [],
            },
          ],
        },
      ],
      footer: 'Sitrep data as of 26 Mar 2025',
    };
    const m = renderView(view);
    const text = allText(m);
    expect(m.embeds).toHaveLength(1);
    expect(text).toContain(
      'Kenyan police deployed: **at least 800** · as of Mar 2025 · [AP](https://apnews.com/x), MSS',
    );
    expect(text).toContain('⚠️ Officer condition: **critical (article) or stable (MSS)**');
    expect(m.embeds.at(-1)?.footer?.text).toContain('Sitrep data as of 26 Mar 2025');
    expect(m.allowed_mentions).toEqual({ parse: [] });
    expect(messageProblems(m)).toEqual([]);
  });

  it('marks disputed and retracted items and lists the conflicting claims', () => {
    const view: View = {
      kind: 'timeline',
      title: 'Timeline',
      sections: [
        {
          heading: 'Events',
          items: [
            item(1, {
              badges: ['disputed'],
              claims: ['Place: Kenscoff, Belot (MSS statement)', 'Place: Pont-Sondé (article)'],
            }),
            item(2, { badges: ['retracted'] }),
          ],
        },
      ],
    };
    const text = allText(renderView(view));
    expect(text).toContain('⚠️ disputed');
    expect(text).toContain('• Place: Kenscoff, Belot (MSS statement)');
    expect(text).toContain('⛔ retracted');
    expect(text).toContain('~~Event number 2~~');
  });

  it('never lets data or user text ping anyone or pass as markdown', () => {
    const view: View = {
      kind: 'message',
      title: '@everyone look',
      summary: 'Hey <@123456789012345678> and <@&223456789012345678> and @here **bold** [click](https://evil.example)',
      sections: [
        {
          heading: '<@!323456789012345678>',
          items: [
            item(1, {
              title: '@everyone',
              text: '> quoted\n# heading',
              sources: [{ publisher: '@here [x](y)' }],
            }),
          ],
        },
      ],
    };
    const m = renderView(view);
    expect(messageProblems(m)).toEqual([]);
    const text = allText(m);
    expect(text).toContain('\\*\\*bold\\*\\*');
    expect(text).not.toMatch(/(^|[^\\])\[click\]\(https/);
    expect(text).toContain('\\> quoted');
  });

  it('shows the first of 25 long items whole on one screen, and counts the rest', () => {
    const longUrl = `https://news.example/${'a'.repeat(250)}`;
    const items = Array.from({ length: 25 }, (_, i) =>
      item(i, {
        title: `Event ${i} ${'t'.repeat(300)}`,
        text: 'x'.repeat(4000),
        claims: ['c'.repeat(500), 'd'.repeat(500)],
        sources: [
          {
            publisher: `Pub ${i}`,
            url: longUrl,
            date: '2025-03-26',
            title: 'y'.repeat(300),
          },
          { publisher: 'Other', url: longUrl },
          { publisher: 'Third' },
        ],
      }),
    );
    const m = renderView({
      kind: 'timeline',
      title: 'Timeline',
      summary: 's'.repeat(4000),
      sections: [{ heading: 'Events', items }],
    });
    expect(messageProblems(m)).toEqual([]);
    expect(m.embeds).toHaveLength(1);
    expect(embedChars(m.embeds[0] ?? {})).toBeLessThanOrEqual(1500);
    const text = allText(m);
    const shown = Array.from({ length: 25 }, (_, i) => i).filter((i) => text.includes(`Event ${i} `));
    expect(text).toContain(`+${25 - shown.length} more`);
    // What is shown is shown whole: no word, date or number cut.
    expect(text).not.toMatch(/\p{L}…|\d…/u);
  });

  it('stays within limits for 500 items, and says how many it left out', () => {
    const items = Array.from({ length: 500 }, (_, i) => item(i, { text: 'z'.repeat(4000) }));
    const m = renderView({
      kind: 'digest',
      title: 'Digest',
      summary: 'q'.repeat(4000),
      sections: [{ heading: 'All', items }],
    });
    expect(messageProblems(m)).toEqual([]);
    expect(m.embeds).toHaveLength(1);
    expect(allText(m)).toMatch(/\+\d+ more/);
  });

  it('keeps every View within limits (random Views)', () => {
    const text = fc.string({ maxLength: 5000 });
    const source = fc.record({
      publisher: fc.string({ minLength: 1, maxLength: 200 }),
      url: fc.option(fc.webUrl(), { nil: undefined }),
      date: fc.option(fc.constant('2025-03-26'), { nil: undefined }),
      title: fc.option(fc.string({ maxLength: 300 }), { nil: undefined }),
    });
    const viewItem = fc.record({
      when: fc.option(fc.string({ maxLength: 60 }), { nil: undefined }),
      title: text,
      text: fc.option(text, { nil: undefined }),
      place: fc.option(fc.string({ maxLength: 300 }), { nil: undefined }),
      sources: fc.array(source, { maxLength: 6 }),
      badges: fc.option(fc.subarray(['disputed', 'retracted', 'updated', 'new', 'late', 'corrected'] as const), {
        nil: undefined,
      }),
      claims: fc.option(fc.array(fc.string({ maxLength: 600 }), { maxLength: 6 }), { nil: undefined }),
    });
    const field = fc.record({
      label: fc.string({ maxLength: 400 }),
      value: fc.string({ maxLength: 2000 }),
      asOf: fc.option(fc.string({ maxLength: 60 }), { nil: undefined }),
      sources: fc.option(fc.array(source, { maxLength: 8 }), {
        nil: undefined,
      }),
      disputed: fc.option(fc.boolean(), { nil: undefined }),
    });
    const view = fc.record({
      kind: fc.constantFrom('status', 'timeline', 'location', 'digest', 'message', 'error') as fc.Arbitrary<
        View['kind']
      >,
      title: fc.string({ maxLength: 400 }),
      summary: fc.option(text, { nil: undefined }),
      footer: fc.option(fc.string({ maxLength: 3000 }), { nil: undefined }),
      sections: fc.array(
        fc.record({
          heading: fc.string({ maxLength: 400 }),
          fields: fc.option(fc.array(field, { maxLength: 30 }), {
            nil: undefined,
          }),
          items: fc.option(fc.array(viewItem, { maxLength: 30 }), {
            nil: undefined,
          }),
          empty: fc.option(fc.string({ maxLength: 300 }), { nil: undefined }),
        }),
        { maxLength: 12 },
      ),
    });
    fc.assert(
      fc.property(view, (v) => {
        expect(messageProblems(renderView(v, { marker: 'digest:2025-03-26' }))).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });
});

describe('page buttons', () => {
  const action = {
    kind: 'page' as const,
    label: 'Next',
    command: 'timeline',
    args: { location: 'pont-sonde', from: '2025-03-01', limit: 5 },
    cursor: 'c:20',
  };

  it('carries command, options and cursor in the custom id, within 100 characters', () => {
    const m = renderView({
      kind: 'timeline',
      title: 'T',
      sections: [],
      actions: [action],
      page: { number: 1, hasPrevious: false, hasNext: true },
    });
    const button = m.components[0]?.components[0];
    expect(button?.label).toBe('Next');
    expect(button?.custom_id.length).toBeLessThanOrEqual(100);
    expect(decodePageId(button?.custom_id ?? '')).toEqual({
      command: 'timeline',
      args: { location: 'pont-sonde', from: '2025-03-01', limit: '5' },
      cursor: 'c:20',
    });
    expect(messageProblems(m)).toEqual([]);
  });

  it('round-trips awkward values and rejects ids that are not ours', () => {
    const id = encodePageId({
      command: 'digest preview',
      args: { 'a|b': 'x=y&z|w é' },
      cursor: 'p|2',
    });
    expect(id).toBeDefined();
    expect(decodePageId(id ?? '')).toEqual({
      command: 'digest preview',
      args: { 'a|b': 'x=y&z|w é' },
      cursor: 'p|2',
    });
    expect(decodePageId('something-else')).toBeUndefined();
    expect(decodePageId('pg1|timeline|c|broken')).toBeUndefined();
    expect(decodePageId('pg1|timeline|%E0%A4%A|')).toBeUndefined();
  });

  it('gives a button whose query is too long for its id a saved query’s id, and lists the query to save', () => {
    const long = { ...action, args: { location: 'x'.repeat(120) } };
    expect(encodePageId(long)).toBeUndefined();
    const m = renderView({
      kind: 'timeline',
      title: 'T',
      sections: [],
      actions: [long],
    });
    const text = savedQueryText(long);
    expect(m.saves).toEqual([text]);
    expect(m.components[0]?.components.map((b) => b.custom_id)).toEqual([`pq1|${savedQueryId(text)}`]);
    expect(decodeSavedId(`pq1|${savedQueryId(text)}`)).toEqual({ kind: 'page', id: savedQueryId(text), part: 0 });
    expect(messageProblems(m)).toEqual([]);
  });
});
