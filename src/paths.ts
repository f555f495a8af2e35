/**
 * Where the files read at run time are (seed data, migrations, the map outline): beside the code,
 * under the same paths in src/ (tsx, tests) and in dist/ (the bundle; scripts/build.mjs copies
 * them there), so a package with no src/ runs. This module sits at the top of src/ and is bundled
 * into a file at the top of dist/, so "./" from here is that folder.
 */
import { fileURLToPath } from 'node:url';

export const codeRoot = fileURLToPath(new URL('./', import.meta.url));

/** An absolute path to a file or folder read at run time, e.g. assetPath('data'). */
export function assetPath(relative: string): string {
  return `${codeRoot}${relative}`;
}
