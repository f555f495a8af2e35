/**
 * The terminal has no More button: its footer says to add --full to see the sources, in each
 * language, while the chat footers still point to More.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { renderText } from '../../../src/bots/console/render-text.ts';
import { renderView as renderDiscord } from '../../../src/bots/discord/render.ts';
import { renderView as renderSlack } from '../../../src/bots/slack/render.ts';
import { LANGUAGES } from '../../../src/core/i18n/language.ts';
import { messagesFor } from '../../../src/core/i18n/messages.ts';
import type { Services } from '../../../src/core/services.ts';
import { timeline } from '../../../src/core/timeline.ts';
import { createTestServices, TEST_NOW } from '../../support/services.ts';

describe('where the sources are, said in the footer', () => {
  let services: Services;
  beforeAll(async () => {
    services = await createTestServices();
  });

  it.each(LANGUAGES)('the console points to --full, chat to More, in %s', async (language) => {
    const m = messagesFor(language);
    // One event fits the first screen: the footer says where the other sources are.
    const one = await timeline(services, { limit: 1 }, TEST_NOW, language);
    const footer = renderText(one)
      .split('\n')
      .find((line) => line.startsWith(one.footer ?? '?'));
    expect(footer).toBe(`${one.footer} ${m.t('view.sources-full')}`);
    expect(footer).toContain('--full');
    expect(footer).not.toContain(m.t('button.more'));
    // With --full every source is listed: nothing more to point to.
    expect(renderText(one, { full: true })).not.toContain(m.t('view.sources-full'));
    expect(renderDiscord(one).embeds[0]?.footer?.text).toContain(m.t('view.sources-more'));
    expect(JSON.stringify(renderSlack(one))).toContain(m.t('view.sources-more'));
  });

  it.each(LANGUAGES)('an answer cut to its first screen points to --full once, in %s', async (language) => {
    const m = messagesFor(language);
    const view = await timeline(services, { limit: 25 }, TEST_NOW, language);
    const lines = renderText(view).split('\n');
    expect(lines.at(-1)).toBe(m.t('view.full-hint'));
    expect(lines.filter((line) => line.includes('--full'))).toHaveLength(1);
  });
});
