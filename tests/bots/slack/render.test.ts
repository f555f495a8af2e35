import { describe, expect, it } from 'vitest';
import { escapeMrkdwn, escapeTruncated, fromSlackText, sourceLink } from '../../../src/bots/slack/mrkdwn.ts';
import { decodePageValue } from '../../../src/bots/slack/page-value.ts';
import { blockChars, renderView, SCREEN } from '../../../src/bots/slack/render.ts';
import { messagesFor } from '../../../src/core/i18n/messages.ts';
import { savedQueryId, savedQueryText } from '../../../src/core/saved-query-port.ts';
import type { View } from '../../../src/core/view.ts';
import { messageText, slackLimitViolations } from '../../support/slack-limits.ts';
import { HOSTILE, statusView, timelineView } from '../../support/slack-views.ts';

const en = messagesFor('en');

const allowedUrls = (view: View) =>
  new Set(
    view.sections.flatMap((s) => [
      ...(s.items ?? []).flatMap((i) => i.sources.map((x) => x.url ?? '')),
      ...(s.fields ?? []).flatMap((f) => (f.sources ?? []).map((x) => x.url ?? '')),
    ]),
  );

function expectWithinLimits(view: View, maxMessages?: number) {
  const messages = renderView(view, { maxMessages });
  for (const m of messages) expect(slackLimitViolations(m, { allowedUrls: allowedUrls(view) })).toEqual([]);
  return messages;
}

describe('mrkdwn', () => {
  it('escapes &, < and > so nothing becomes a mention or a link', () => {
    expect(escapeMrkdwn('<!channel> & <@U123> >')).toBe('&lt;!channel&gt; &amp; &lt;@U123&gt; &gt;');
  });

  it('cuts escaped text without splitting an entity', () => {
    const cut = escapeTruncated('&'.repeat(100), 23);
    expect(cut.length).toBeLessThanOrEqual(23);
    expect(cut).toBe(`${'&amp;'.repeat(4)}…`);
  });

  it('links a source only for a plain http(s) URL, and escapes its label', () => {
    expect(sourceLink({ publisher: 'AP & Co', url: 'https://apnews.com/a?x=1&y=2', date: '2025-03-26' }, en)).toBe(
      '<https://apnews.com/a?x=1&amp;y=2|AP &amp; Co>, 26 Mar 2025',
    );
    expect(sourceLink({ publisher: 'X', url: 'javascript:alert(1)' }, en)).toBe('X');
    expect(sourceLink({ publisher: 'X', url: 'https://a.example/x|<!channel>' }, en)).toBe('X');
  });

  it('reads what a user typed back to plain text', () => {
    expect(fromSlackText('<@U0BOT> what happened in &lt;Kenscoff&gt; &amp; <#C1|general>?')).toBe(
      'what happened in <Kenscoff> & #general?',
    );
    expect(fromSlackText('see <https://a.example|this> <!here>')).toBe('see this');
  });
});

describe('renderView', () => {
  it('renders a timeline page as one message: header, items with sources, disputed marks, page button', () => {
    const view = timelineView(3);
    const [message, more] = expectWithinLimits(view);
    expect(more).toBeUndefined();
    const blocks = message?.blocks ?? [];
    expect(blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Timeline' } });
    const text = messageText(message);
    expect(text).toContain('*Event 2: clash near Pont-Sondé*');
    expect(text).toContain(
      '<https://apnews.com/article/0?a=1&amp;b=2|AP &amp; Reuters>, 26 Mar 2025, RNDDH, 27 Mar 2025',
    );
    expect(text).toContain('*Event 0: clash near Pont-Sondé*  :warning: disputed');
    expect(text).toContain('• Place: Kenscoff, Belot (MSS statement)');
    expect(text).not.toContain('javascript:');
    const actions = blocks.find((b) => b.type === 'actions');
    expect(actions).toBeDefined();
    const button = actions?.type === 'actions' ? actions.elements[0] : undefined;
    expect(button?.type === 'button' && decodePageValue(button.value ?? '')).toEqual({
      command: 'timeline',
      args: { location: 'pont sonde' },
      cursor: 'c2',
    });
  });

  it('answers 300- and 500-event timelines in one screen: the first events whole, the rest counted', () => {
    for (const count of [300, 500]) {
      for (const longText of [false, true]) {
        const messages = expectWithinLimits(timelineView(count, { longText }));
        expect(messages).toHaveLength(1);
        const blocks = messages[0]?.blocks ?? [];
        expect(blocks.length).toBeLessThanOrEqual(SCREEN.blocks);
        expect(blockChars(blocks)).toBeLessThanOrEqual(SCREEN.chars);
        const text = messageText(messages[0]);
        const seen = [...text.matchAll(/Event (\d+): clash near Pont-Sondé/g)].map((m) => Number(m[1]));
        expect(seen).toEqual(Array.from({ length: seen.length }, (_, i) => i));
        expect(text).toContain(`+${count - seen.length} more`);
        expect(blocks[0]?.type).toBe('header');
        expect(blocks.at(-1)?.type).toBe('actions');
      }
    }
  });

  it('escapes hostile text everywhere it appears', () => {
    for (const view of [timelineView(3, { hostile: true }), timelineView(400, { hostile: true })]) {
      const messages = expectWithinLimits(view);
      const json = JSON.stringify(messages);
      expect(json).not.toContain('<!channel>');
      expect(json).not.toContain('<@U123>');
      expect(json).not.toContain('<https://evil.example');
      expect(messageText(messages[0])).toContain('&lt;!channel&gt; &amp; &lt;@U123&gt; said &gt; "x"');
      expect(messages[0]?.text).toContain(escapeMrkdwn(HOSTILE));
    }
  });

  it('renders figures as fields, with as-of dates, sources and disputed marks, and counts those left out', () => {
    const view = statusView();
    const [message] = expectWithinLimits(view);
    const text = messageText(message);
    expect(text).toContain(':warning: Figure 2: *');
    expect(text).toContain('_as of 1 Mar 2025 · <https://www.un.org/x|UN Security Council>, 1 Mar 2025');
    expect(text).toMatch(/_\+\d+ more_/);
    expect(text).toContain('_Nothing reported &amp; nothing &lt;!here&gt;._');
  });

  it('gives a page button whose query does not fit in a button value the id of a saved query', () => {
    const view = timelineView(2);
    const next = {
      kind: 'page' as const,
      label: 'Next',
      command: 'timeline',
      args: { location: 'x'.repeat(2100) },
      cursor: 'c',
    };
    view.actions = [next];
    const [message] = expectWithinLimits(view);
    const text = savedQueryText(next);
    expect(message?.saves).toEqual([text]);
    const actions = message?.blocks.find((b) => b.type === 'actions') as { elements: { value: string }[] };
    expect(actions.elements.map((e) => e.value)).toEqual([JSON.stringify({ v: 1, q: savedQueryId(text) })]);
  });
});
