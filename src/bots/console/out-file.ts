/**
 * Where `sitrep export --out` writes: a file checked before the export runs, written beside
 * its target and renamed over it, so a failed export leaves neither half a file nor a
 * `.partial` and an older file at that path stays as it was.
 */
import { closeSync, existsSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UserError } from '../../core/errors.ts';

const ACCEPTED = 'name a file in an existing directory, like --out events.csv';

const statOf = (path: string) => {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
};

function why(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'this user may not write there';
  if (code === 'ENOSPC') return 'the disk is full';
  if (code === 'EROFS') return 'the file system is read-only';
  return (err as Error).message;
}

/** Refuses an --out that cannot be a file before anything is exported. */
export function checkOutPath(out: string): void {
  if (out.trim() === '') throw new UserError('out-empty', { accepted: ACCEPTED });
  if (statOf(out)?.isDirectory()) throw new UserError('out-directory', { out, example: join(out, 'events.csv') });
  const dir = dirname(resolve(out));
  const parent = statOf(dir);
  if (!parent) throw new UserError('out-no-directory', { out, dir, accepted: ACCEPTED });
  if (!parent.isDirectory()) throw new UserError('out-not-directory', { out, dir, accepted: ACCEPTED });
}

/** Writes `text` to `out` whole or not at all; a device or pipe (/dev/stdout) is written directly. */
export function writeOutFile(out: string, text: string): void {
  const direct = existsSync(out) && !statOf(out)?.isFile();
  const target = direct ? out : `${out}.partial`;
  let fd: number;
  try {
    fd = openSync(target, 'w');
  } catch (err) {
    throw new UserError('out-not-written', { out, why: why(err) });
  }
  try {
    const bytes = Buffer.from(text);
    for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at);
    closeSync(fd);
    if (!direct) renameSync(target, out);
  } catch (err) {
    try {
      closeSync(fd);
    } catch {
      // Already closed: the rename failed.
    }
    if (!direct) rmSync(target, { force: true });
    throw new UserError(direct ? 'out-incomplete' : 'out-not-written', { out, why: why(err) });
  }
}
