/**
 * Where the project's data files are, whether the code runs from src/ (tsx, tests) or from the
 * bundle in dist/: both sit one folder below the project root, so "../" from here is the root.
 */
import { fileURLToPath } from 'node:url';

export const projectRoot = fileURLToPath(new URL('../', import.meta.url));

/** An absolute path to a file or folder of the project, e.g. sourcePath('src/data/'). */
export function projectPath(relative: string): string {
  return `${projectRoot}${relative}`;
}
