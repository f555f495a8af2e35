/**
 * The settings that shape the SQLite store's derived rows, stored with its data
 * (src/store/derived-settings.ts): recorded on first open, checked on every later one, and
 * changed only deliberately (`sitrep rebuild-derived`, which opens with `rebuild`).
 */
import type { Database } from 'better-sqlite3';
import {
  DERIVED_SETTINGS_KEY,
  type DerivedSettings,
  StoreSettingsError,
  settingsJson,
  settingsMismatch,
} from './derived-settings.ts';
import { WRITABLE_OPEN_NEEDED } from './migrate.ts';

/** Where stores from before the settings were stored kept what their rows were built with. */
const LEGACY_KEY = 'index_built_with';

interface Meta {
  getMeta(key: string): string | undefined;
  setMeta(key: string, value: string): void;
}

/**
 * Checks the stored settings against `wanted`; refuses with one line when they differ, unless
 * `rebuild`, which rebuilds the rows with `wanted` and stores them. A store that has none yet (a
 * new file, or one from before they were stored) records them, rebuilding first if needed.
 */
export function checkDerivedSettings(
  db: Database,
  meta: Meta,
  wanted: DerivedSettings,
  rebuildRows: () => void,
  rebuild = false,
): void {
  const stored = meta.getMeta(DERIVED_SETTINGS_KEY);
  const legacyMatches = () =>
    meta.getMeta(LEGACY_KEY) === JSON.stringify({ gazetteer: wanted.gazetteerVersion, timeZone: wanted.timeZone });
  if (stored !== undefined && !rebuild) {
    const mismatch = settingsMismatch(stored, wanted);
    if (mismatch) throw new StoreSettingsError(mismatch);
    return;
  }
  if (db.readonly) {
    if (rebuild || !legacyMatches())
      throw new StoreSettingsError(
        `it is read-only here and its settings are not recorded yet; ${WRITABLE_OPEN_NEEDED}`,
      );
    return;
  }
  db.transaction(() => {
    // Another process may have got here first.
    const now = meta.getMeta(DERIVED_SETTINGS_KEY);
    if (now !== undefined && !rebuild) {
      const mismatch = settingsMismatch(now, wanted);
      if (mismatch) throw new StoreSettingsError(mismatch);
      return;
    }
    if (rebuild || !legacyMatches()) rebuildRows();
    meta.setMeta(DERIVED_SETTINGS_KEY, settingsJson(wanted));
  }).immediate();
}
