/**
 * A View's map as a PNG uploaded into the channel, through Slack's external upload flow
 * (files.getUploadURLExternal, the upload, files.completeUploadExternal). It is sent after the
 * text, and a failure is logged and left there: the text answer is never lost for a map.
 */
import type { webApi } from '@slack/bolt';
import { messagesFor } from '../../core/i18n/messages.ts';
import type { View, ViewMap } from '../../core/view.ts';
import { renderMapPng } from '../map/render-map.ts';

export const MAP_FILENAME = 'sitrep-map.png';

export interface MapTarget {
  channel: string;
  thread?: string | undefined;
}

/** Any logger with warn(obj, msg). */
interface UploadLogger {
  warn(obj: object, msg: string): void;
}

/**
 * Uploads the View's map, if it has one, drawn by `draw` (the executor's, off the event loop;
 * here by default); says whether a map was uploaded. Never throws.
 */
export async function uploadMap(
  client: webApi.WebClient,
  logger: UploadLogger,
  target: MapTarget,
  view: View,
  draw: (map: ViewMap) => Promise<Buffer> = renderMapPng,
): Promise<boolean> {
  if (!view.map) return false;
  try {
    await shareMap(client, target, view, view.map, await draw(view.map));
    return true;
  } catch (err) {
    logger.warn({ err, channel: target.channel }, 'slack map upload failed; the text answer stands');
    return false;
  }
}

/** Uploads a drawn map into the channel (or thread) under `filename`; throws what the Web API throws. */
export async function shareMap(
  client: webApi.WebClient,
  target: MapTarget,
  view: View,
  map: ViewMap,
  png: Buffer,
  filename = MAP_FILENAME,
): Promise<void> {
  const file = {
    file: png,
    filename,
    title: view.title.slice(0, 250),
    alt_text: messagesFor(view.language ?? 'en')
      .t('map.alt', { center: map.center.label, count: map.marks.length })
      .slice(0, 1000),
  };
  await client.filesUploadV2(
    target.thread
      ? { ...file, channel_id: target.channel, thread_ts: target.thread }
      : { ...file, channel_id: target.channel },
  );
}

/**
 * The file name of a scheduled post's map: it carries the post's marker, so a send finished
 * after a crash can tell whether the map went out with the text.
 */
export function markedMapFilename(marker: string): string {
  return `sitrep-map-${marker.replace(/[^A-Za-z0-9-]/g, '-')}.png`;
}
