/**
 * Questions in messages: a message that mentions the bot, or any message in a DM, is answered
 * like /ask, by the executor. Only wired when the Message Content intent is enabled in settings.
 */
import type { Message } from 'discord.js';
import type { CommandDef } from '../../commands/command-types.ts';
import { dispatch, userErrorView } from '../../commands/dispatch.ts';
import { UserError } from '../../core/errors.ts';
import type { InteractionContext } from './answer.ts';
import { drawMap, mapFile, withMapImage } from './map-file.ts';
import { renderView } from './render.ts';

/** The question in a message, with mentions of the bot removed; undefined when it is not for the bot. */
export function questionIn(
  message: { content: string; isDm: boolean; mentionsBot: boolean },
  botId: string,
): string | undefined {
  if (!message.isDm && !message.mentionsBot) return undefined;
  return message.content
    .replace(new RegExp(`<@!?${botId}>`, 'g'), ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export async function handleMessage(ctx: InteractionContext, message: Message): Promise<void> {
  const botId = message.client.user.id;
  if (message.author.bot || message.author.id === botId) return;
  const question = questionIn(
    { content: message.content, isDm: !message.inGuild(), mentionsBot: message.mentions.users.has(botId) },
    botId,
  );
  if (question === undefined) return;
  const ask = ctx.commands.find((c) => c.name === 'ask');
  const option = ask?.options.find((o) => o.rest) ?? ask?.options[0];
  try {
    const view = await viewFor(ctx, message, ask, option?.name, question);
    // No deadline here: the map is drawn before the one reply, never sent as a second message.
    const png = view.map ? await drawMap(view.map, ctx.renderMap, ctx.logger) : undefined;
    const rendered = png ? withMapImage(renderView(view)) : renderView(view);
    await message.reply({
      embeds: rendered.embeds,
      components: rendered.components,
      allowedMentions: { parse: [], repliedUser: false },
      ...(png ? { files: [mapFile(png)] } : {}),
    });
  } catch (err) {
    ctx.logger.error({ err, message: message.id }, 'discord: could not answer a message');
  }
}

async function viewFor(
  ctx: InteractionContext,
  message: Message,
  ask: CommandDef | undefined,
  optionName: string | undefined,
  question: string,
) {
  if (!ask || !optionName) return userErrorView(new UserError('ask-unavailable'));
  if (question === '') return userErrorView(new UserError('ask-empty'));
  const caller = {
    platform: 'discord' as const,
    userId: message.author.id,
    teamId: message.guildId ?? undefined,
    channelId: message.channelId,
    canManageChannel: false,
  };
  const args = { [optionName]: question };
  const now = ctx.now();
  const result = ctx.executor.serves(ask)
    ? await ctx.executor.run({ kind: 'command', command: ask.name, args, caller, now: now.toISOString() })
    : await dispatch(ask, args, { services: ctx.services, now, caller }, ctx.logger);
  return result.view;
}
