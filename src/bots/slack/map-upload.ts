/**
 * A View's map as a PNG uploaded into the channel, through Slack's external upload flow
 * (files.getUploadURLExternal, the upload, files.completeUploadExternal). It is sent after the
 * text, and a failure is logged and left there: the text answer is never lost for a map.
 */
import type { webApi } from '@slack/bolt';
import type { View, ViewMap } from '../../core/view.ts';
import { messagesFor } from '../../core/i18n/messages.ts';
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
    const png = await draw(view.map);
    const file = {
      file: png,
      filename: MAP_FILENAME,
      title: view.title.slice(0, 250),
      alt_text: messagesFor(view.language ?? "en")
        .t("map.alt", { center: view.map.center.label, count: view.map.marks.length })
        .slice(0, 1000),
    };
    await client.filesUploadV2(
      target.thread
        ? { ...file, channel_id: target.channel, thread_ts: target.thread }
        : { ...file, channel_id: target.channel },
    );
    return true;
  } catch (err) {
    logger.warn({ err, channel: target.channel }, 'slack map upload failed; the text answer stands');
    return false;
  }
}
