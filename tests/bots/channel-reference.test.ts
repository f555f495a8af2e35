/**
 * A field about a channel (a subscription in `/digest list`) names it as each platform links a
 * channel: `<#id>` on Discord and Slack, the id in a terminal; an id of another shape stays text.
 */
import { describe, expect, it } from 'vitest';
import { renderText } from '../../src/bots/console/render-text.ts';
import { renderView as renderDiscord } from '../../src/bots/discord/render.ts';
import { renderView as renderSlack } from '../../src/bots/slack/render.ts';
import type { View } from '../../src/core/view.ts';

const listed = (channel: string, label = ''): View => ({
  kind: 'message',
  title: 'Daily digests',
  sections: [{ heading: 'Subscribed channels', fields: [{ channel, label, value: '07:00 America/Port-au-Prince' }] }],
});

describe('a channel reference in a field', () => {
  it('is a channel link on Discord', () => {
    const description = renderDiscord(listed('1300000000000000001', '(this channel)')).embeds[0]?.description;
    expect(description).toContain('<#1300000000000000001> (this channel): **07:00 America/Port-au-Prince**');
    expect(renderDiscord(listed('<@everyone>')).embeds[0]?.description).not.toContain('<@everyone>');
  });

  it('is a channel link on Slack', () => {
    const text = JSON.stringify(renderSlack(listed('C0123ABCD'))[0]?.blocks);
    expect(text).toContain('<#C0123ABCD>: *07:00 America/Port-au-Prince*');
    expect(JSON.stringify(renderSlack(listed('<!channel>'))[0]?.blocks)).not.toContain('<!channel>');
  });

  it('is the id in a terminal', () => {
    expect(renderText(listed('C0123ABCD', '(this channel)'))).toContain('C0123ABCD (this channel): 07:00');
  });
});
