/**
 * The terminal's first screen of a timeline page shows some of its events; the next page's
 * command it prints goes on right after the last one shown, so none is passed over.
 */
import { describe, expect, it } from 'vitest';
import { renderText } from '../../../src/bots/console/render-text.ts';
import { timeline } from '../../../src/core/timeline.ts';
import { createTestServices, TEST_NOW } from '../../support/services.ts';

const ids = (text: string) => [...text.matchAll(/^ {4}id: (\S+)$/gm)].map((m) => m[1]);

describe('timeline pages in the terminal', () => {
  it('print a next-page command that starts after the last event shown, until every event was shown once', async () => {
    const services = await createTestServices();
    const all = (await timeline(services, { limit: 25 }, TEST_NOW)).sections[0]?.items?.map((i) => i.id) ?? [];
    let text = renderText(await timeline(services, {}, TEST_NOW));
    const seen = ids(text);
    expect(seen.length).toBeLessThan(Math.min(10, all.length));
    for (let pages = 1; pages < 20; pages++) {
      const cursor = /--cursor (\S+)/.exec(text.split('\n').find((l) => l.startsWith('Next page:')) ?? '')?.[1];
      if (!cursor) break;
      text = renderText(await timeline(services, { cursor }, TEST_NOW));
      seen.push(...ids(text));
    }
    expect(seen).toEqual(all);
  });
});
