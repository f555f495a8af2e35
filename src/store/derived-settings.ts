/**
 * The settings that shape derived rows (the gazetteer places are resolved with, the time zone
 * that orders timed events), stored with the data. A process whose settings differ from the
 * stored ones must not write rows that disagree with the rest: it refuses to open the store,
 * and `sitrep rebuild-derived` rebuilds the rows with new settings once, for every process.
 */

export interface DerivedSettings {
  gazetteerVersion: string;
  timeZone: string;
}

/** The meta key the settings are stored under, as JSON. */
export const DERIVED_SETTINGS_KEY = 'derived_settings';

/** The store was built with other settings; the message says what differs and what to do. */
export class StoreSettingsError extends Error {
  override readonly name = 'StoreSettingsError';
}

export const settingsJson = (s: DerivedSettings) =>
  JSON.stringify({ gazetteerVersion: s.gazetteerVersion, timeZone: s.timeZone });

/** Undefined when they agree; else the one-line refusal. */
export function settingsMismatch(stored: string, wanted: DerivedSettings): string | undefined {
  if (stored === settingsJson(wanted)) return undefined;
  let have: Partial<DerivedSettings> = {};
  try {
    have = JSON.parse(stored) as Partial<DerivedSettings>;
  } catch {
    // Unreadable: reported as unknown settings below.
  }
  const differences: string[] = [];
  if (have.gazetteerVersion !== wanted.gazetteerVersion) {
    differences.push(`gazetteer "${have.gazetteerVersion ?? '?'}" (this process: "${wanted.gazetteerVersion}")`);
  }
  if (have.timeZone !== wanted.timeZone) {
    differences.push(`time zone ${have.timeZone ?? '?'} (this process: ${wanted.timeZone})`);
  }
  return `the store was built with ${differences.join(' and ')}: run \`sitrep rebuild-derived\` to rebuild it with this process's settings, or start with the stored ones`;
}
