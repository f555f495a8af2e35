import type { Language } from './i18n/language.ts';
import type { EventKey } from './store-port.ts';

/**
 * A platform-neutral answer. Core queries return Views; each adapter renders them (Discord
 * embeds, Slack Block Kit, terminal text) and enforces its platform's limits. Text here is
 * plain: no markdown, no mentions; renderers escape it for their platform.
 */

export interface SourceRef {
  publisher: string;
  title?: string | undefined;
  url?: string | undefined;
  date?: string | undefined;
}

/** A single figure with where it comes from. */
export interface ViewField {
  label: string;
  value: string;
  asOf?: string | undefined;
  sources?: SourceRef[] | undefined;
  /** Sources disagree about this figure; `value` then says how. */
  disputed?: boolean | undefined;
  inline?: boolean | undefined;
  /**
   * A chat channel the field is about (a subscription's), by its platform id: renderers write it
   * before the label as a link to the channel (`<#id>` on Discord and Slack, the id in a terminal).
   */
  channel?: string | undefined;
}

/** One event (or other listed thing) in a View. */
export interface ViewItem {
  id?: string | undefined;
  /** Human date of the event, as precise as known ("25 Mar 2025, 16:30", "Apr 2024"). */
  when?: string | undefined;
  title: string;
  text?: string | undefined;
  place?: string | undefined;
  sources: SourceRef[];
  /**
   * Marks shown beside the item: `disputed` (sources disagree and none settles it), `corrected`
   * (a source's claim is contradicted by the record, and shown), `retracted`, `new`, `updated`, `late`.
   */
  badges?: Array<'disputed' | 'corrected' | 'retracted' | 'updated' | 'new' | 'late'> | undefined;
  /** Conflicting claims, one line each, with their source ("Place: Kenscoff, Belot (MSS statement)"). */
  claims?: string[] | undefined;
  /** Sources not listed on this screen (they are under More). */
  moreSources?: number | undefined;
}

export interface ViewSection {
  heading: string;
  fields?: ViewField[] | undefined;
  items?: ViewItem[] | undefined;
  /** Shown when the section has no fields or items. */
  empty?: string | undefined;
  /** "+3 more": entries left for More on a first screen. */
  more?: string | undefined;
}

/** A follow-up the user can take: another page of the same query. */
export interface ViewPageAction {
  kind: 'page';
  label: string;
  command: string;
  /** The query's options, as the user gave them, so the page can be asked again after a restart. */
  args: Record<string, string | number | boolean>;
  cursor: string;
}
/**
 * A button that runs a command with fixed options (a lead's Record, Add to event, Dismiss). The
 * options are all it carries, so it still works after a restart; a command with a form opens it.
 */
export interface ViewCommandAction {
  kind: 'command';
  label: string;
  /** The command's name, with its subcommand after a space: "leads dismiss". */
  command: string;
  args: Record<string, string | number | boolean>;
  style?: 'primary' | 'danger' | undefined;
}
/**
 * More: screen `part` of the whole answer (details, every source, claims, history), the command
 * run again with the same options. Carries the query, like a page button, so it survives a restart.
 */
export interface ViewMoreAction {
  kind: 'more';
  command: string;
  args: ViewPageAction['args'];
  /** The page of a paged list the answer is (absent for the first page and unpaged answers). */
  cursor?: string | undefined;
  /** The screen it shows: 2 is the first after the first screen. */
  part: number;
}
export type ViewAction = ViewPageAction;

/** The query of a paged list, and where its page starts, so Next can follow any shown item. */
export interface ViewContinuation {
  command: string;
  args: ViewPageAction['args'];
  /** The key of the page's first item; absent when the page starts at the newest. */
  firstKey?: EventKey | undefined;
}

export interface MapMark {
  lat: number;
  lon: number;
  label: string;
  /** Casualties at this mark; drives its size. */
  weight: number;
}

export interface ViewMap {
  kind: 'map';
  /** The language of the map's own words (title band, legend); default English. */
  language?: Language | undefined;
  /** The title band; default: the center's name (and the radius). */
  title?: string | undefined;
  center: { lat: number; lon: number; label: string };
  radiusKm?: number | undefined;
  marks: MapMark[];
}

export type ViewKind = 'status' | 'timeline' | 'location' | 'digest' | 'suggestions' | 'message' | 'error';

export interface View {
  kind: ViewKind;
  /** The language the view's own words are in; renderers write their labels in it (default English). */
  language?: Language | undefined;
  title: string;
  /** A short paragraph under the title. */
  summary?: string | undefined;
  sections: ViewSection[];
  /** Always says where the answer comes from and how current it is. */
  footer?: string | undefined;
  /** Sources are left off the first screen: each platform says after the footer where to see them. */
  sourcesNote?: true | undefined;
  actions?: ViewAction[] | undefined;
  /** The More button, kept by a chat renderer when the first screen leaves something out. */
  moreAction?: ViewMoreAction | undefined;
  /** Buttons that act on what the view shows (chat only; text platforms name the commands). */
  buttons?: ViewCommandAction[] | undefined;
  map?: ViewMap | undefined;
  /** "+5 more": whole sections a first screen left for More. */
  more?: string | undefined;
  /** Page position, when the answer is one page of many. */
  page?:
    | {
        number: number;
        hasPrevious: boolean;
        hasNext: boolean;
        /** How a Next button goes on right after the items a first screen showed. */
        continuation?: ViewContinuation | undefined;
      }
    | undefined;
}
