/**
 * A View's map as a PNG attached to the Discord message and shown as the first embed's image.
 * Drawing takes a few hundred milliseconds; a drawing that fails is logged and the answer goes
 * out without it, so a map never costs the user the text.
 */
import type { ViewMap } from '../../core/view.ts';
import { renderMapPng } from '../map/render-map.ts';
import type { RenderedMessage } from './render.ts';

export const MAP_FILE_NAME = 'map.png';

/** Draws a map as PNG bytes; injectable so tests can make it fail. */
export type MapRenderer = (map: ViewMap) => Promise<Buffer>;

export const defaultMapRenderer: MapRenderer = (map) => renderMapPng(map);

export interface MapLogger {
  warn(obj: object, msg: string): void;
}

/** The map's PNG, or undefined (logged) when drawing it fails. */
export async function drawMap(map: ViewMap, render: MapRenderer, logger: MapLogger): Promise<Buffer | undefined> {
  try {
    return await render(map);
  } catch (err) {
    logger.warn({ err, place: map.center.label }, 'discord: map drawing failed; answering without it');
    return undefined;
  }
}

/** The message with its first embed showing the attached map. */
export function withMapImage(message: RenderedMessage): RenderedMessage {
  const [first, ...rest] = message.embeds;
  if (!first) return message;
  return { ...message, embeds: [{ ...first, image: { url: `attachment://${MAP_FILE_NAME}` } }, ...rest] };
}

/** The map as discord.js takes a file (`files` of reply, editReply, Message#reply). */
export function mapFile(png: Buffer): { attachment: Buffer; name: string } {
  return { attachment: png, name: MAP_FILE_NAME };
}
