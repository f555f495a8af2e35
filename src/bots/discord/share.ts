/**
 * A Share click on a private (ephemeral) answer: the question runs again, as a page click does,
 * is posted in the channel with who shared it (and its map), and the private answer becomes a
 * line saying it was shared.
 */
import { type ButtonInteraction, MessageFlags } from 'discord.js';
import { isShareable, sharedBy, sharedNotice } from '../../commands/visibility.ts';
import { UserError, userErrorText } from '../../core/errors.ts';
import { languageOfLocale } from '../../core/i18n/language.ts';
import { messagesFor } from '../../core/i18n/messages.ts';
import { commandAt, runCommand } from '../../executor/index.ts';
import { callerOf, type InteractionContext, privateMessage } from './answer.ts';
import type { CommandRequest } from './custom-id.ts';
import { drawMap, mapFile, withMapImage } from './map-file.ts';
import { renderView } from './render.ts';

/** A Share click: the same answer, public, in the channel; the private one says it was shared. */
export async function handleShareButton(
  ctx: InteractionContext,
  interaction: ButtonInteraction,
  request: CommandRequest,
): Promise<void> {
  const command = commandAt(ctx.commands, request.command);
  if (!command || !isShareable(command)) {
    const m = messagesFor(languageOfLocale(interaction.locale) ?? 'en');
    await interaction.reply(privateMessage(userErrorText(new UserError('button-expired'), m)));
    return;
  }
  // Acknowledged at once: the question runs again and its map is drawn before anything is posted.
  await interaction.deferUpdate();
  const caller = callerOf(interaction);
  const result = await runCommand(ctx, command, request.args, caller, ctx.now());
  if (result.private) {
    // Refused now (the data changed, a cursor expired): said to the sharer alone.
    const refusal = renderView(result.view, { private: true });
    await interaction.followUp({
      embeds: refusal.embeds,
      allowedMentions: { parse: [] },
      flags: MessageFlags.Ephemeral,
    });
    return;
  }
  const view = sharedBy(result.view, caller.userName ?? caller.userId);
  const png = view.map ? await drawMap(view.map, ctx.renderMap, ctx.logger) : undefined;
  const shared = png ? withMapImage(renderView(view)) : renderView(view);
  await interaction.followUp({
    embeds: shared.embeds,
    components: shared.components,
    allowedMentions: { parse: [] },
    ...(png ? { files: [mapFile(png)] } : {}),
  });
  const notice = renderView(sharedNotice(view), { private: true });
  await interaction.editReply({ embeds: notice.embeds, components: [], files: [], attachments: [] });
}
