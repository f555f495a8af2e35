import { describe, expect, it } from 'vitest';
import { escapeMrkdwn, escapeTruncated, fromSlackText, sourceLink } from '../../../src/bots/slack/mrkdwn.ts';
import { decodePageValue } from '../../../src/bots/slack/page-value.ts';
import { renderView } from '../../../src/bots/slack/render.ts';
import type { View } from '../../../src/core/view.ts';
import { messageText, slackLimitViolations } from '../../support/slack-limits.ts';
import { HOSTILE, statusView, timelineView } from '../../support/slack-views.ts';

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
    expect(sourceLink({ publisher: 'AP & Co', url: 'https://apnews.com/a?x=1&y=2', date: '2025-03-26' })).toBe(
      '<https://apnews.com/a?x=1&amp;y=2|AP &amp; Co>, 2025-03-26',
    );
    expect(sourceLink({ publisher: 'X', url: 'javascript:alert(1)' })).toBe('X');
    expect(sourceLink({ publisher: 'X', url: 'https://a.example/x|<!channel>' })).toBe('X');
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
    const view = timelineView(10);
    const [message, more] = expectWithinLimits(view);
    expect(more).toBeUndefined();
    const blocks = message?.blocks ?? [];
    expect(blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Timeline' } });
    const text = messageText(message);
    expect(text).toContain('*Event 3: clash near Pont-Sondé*');
    expect(text).toContain(
      '<https://apnews.com/article/3?a=1&amp;b=2|AP &amp; Reuters>, 2025-03-26 · RNDDH, 2025-03-27',
    );
    expect(text).toContain('*Event 0: clash near Pont-Sondé*  :warning: *disputed*');
    expect(text).toContain('_Sources disagree:_\n• Place: Kenscoff, Belot (MSS statement)');
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

  it('keeps 300- and 500-event timelines within every limit, losing no event', () => {
    for (const count of [300, 500]) {
      for (const longText of [false, true]) {
        const view = timelineView(count, { longText });
        const messages = expectWithinLimits(view);
        const all = messages.map(messageText).join('\n');
        const seen = [...all.matchAll(/Event (\d+): clash near Pont-Sondé/g)].map((m) => Number(m[1]));
        expect(seen).toEqual(Array.from({ length: count }, (_, i) => i));
        // Header first, footer and buttons last, once each.
        expect(messages.flatMap((m) => m.blocks).filter((b) => b.type === 'header')).toHaveLength(1);
        expect(messages.at(-1)?.blocks.at(-1)?.type).toBe('actions');
      }
    }
  });

  it('cuts an answer to the number of messages a response_url takes, saying so', () => {
    const messages = expectWithinLimits(timelineView(500, { longText: true }), 5);
    expect(messages).toHaveLength(5);
    expect(messageText(messages[4])).toContain('too long for Slack and was cut');
    expect(messages[4]?.blocks.at(-1)?.type).toBe('actions');
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

  it('renders figures as fields (10 a section), with as-of dates, sources and disputed marks', () => {
    const view = statusView();
    const [message] = expectWithinLimits(view);
    const sections = (message?.blocks ?? []).filter((b) => b.type === 'section' && b.fields);
    expect(sections.map((s) => (s.type === 'section' ? s.fields?.length : 0))).toEqual([10, 4]);
    const text = messageText(message);
    expect(text).toContain('*Figure 2*  :warning: *disputed*');
    expect(text).toContain('_as of 2025-03-01_');
    expect(text).toContain('<https://www.un.org/x|UN Security Council>, 2025-03-01');
    expect(text).toContain('_Nothing reported &amp; nothing &lt;!here&gt;._');
  });

  it('drops a page button whose query does not fit in a button value', () => {
    const view = timelineView(2);
    view.actions = [
      { kind: 'page', label: 'Next', command: 'timeline', args: { location: 'x'.repeat(2100) }, cursor: 'c' },
    ];
    const [message] = expectWithinLimits(view);
    expect(message?.blocks.some((b) => b.type === 'actions')).toBe(false);
  });
});
