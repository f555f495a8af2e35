/** Hand-made Views for renderer tests: long timelines and hostile text. */
import type { View, ViewItem } from '../../src/core/view.ts';

export const HOSTILE = 'Gang <!channel> & <@U123> said > "x" <https://evil.example|click> *bold*';

export function timelineView(count: number, options: { hostile?: boolean; longText?: boolean } = {}): View {
  const items: ViewItem[] = [];
  for (let i = 0; i < count; i++) {
    items.push({
      id: `ev-${i}`,
      when: `${1 + (i % 28)} Mar 2025, 16:30`,
      title: options.hostile ? `${HOSTILE} #${i}` : `Event ${i}: clash near Pont-Sondé`,
      text: options.longText ? `${'Long & detailed <report> '.repeat(200)}${i}` : `Details of event ${i}.`,
      place: 'Pont-Sondé, Saint-Marc',
      sources: [
        { publisher: 'AP & Reuters', url: `https://apnews.com/article/${i}?a=1&b=2`, date: '2025-03-26' },
        { publisher: 'RNDDH', date: '2025-03-27' },
        { publisher: 'javascript', url: 'javascript:alert(1)' },
      ],
      badges: i % 7 === 0 ? ['disputed'] : i % 11 === 0 ? ['retracted'] : undefined,
      claims: i % 7 === 0 ? ['Place: Kenscoff, Belot (MSS statement)', 'Place: Furcy (local radio)'] : undefined,
    });
  }
  return {
    kind: 'timeline',
    title: options.hostile ? `Timeline ${HOSTILE}` : 'Timeline',
    summary: `${count} events${options.hostile ? ` ${HOSTILE}` : ''}`,
    sections: [{ heading: 'Events', items }],
    footer: `Sources: seed data, as of 2025-03-27 ${options.hostile ? HOSTILE : ''}`,
    actions: [
      { kind: 'page', label: 'Older events →', command: 'timeline', args: { location: 'pont sonde' }, cursor: 'c2' },
    ],
    page: { number: 1, hasPrevious: false, hasNext: true },
  };
}

export function statusView(): View {
  return {
    kind: 'status',
    title: 'MSS status',
    summary: 'The mission & its figures',
    sections: [
      {
        heading: 'Figures',
        fields: Array.from({ length: 14 }, (_, i) => ({
          label: `Figure ${i}`,
          value: i === 3 ? `about 1,000 ${'<@U123> '.repeat(400)}` : `${i * 100}`,
          asOf: '2025-03-01',
          sources: [{ publisher: 'UN Security Council', url: 'https://www.un.org/x', date: '2025-03-01' }],
          disputed: i === 2,
          inline: true,
        })),
      },
      { heading: 'Latest incidents', items: [], empty: 'Nothing reported & nothing <!here>.' },
    ],
    footer: 'Figures as published; see each source.',
  };
}
