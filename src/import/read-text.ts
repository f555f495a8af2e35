/**
 * An import file's bytes as text: UTF-8 only (a UTF-8 byte-order mark is dropped). A UTF-16
 * file or bytes that are not UTF-8 are refused with the line where the problem is, before
 * anything is parsed, so a wrongly saved spreadsheet never reaches the store as mojibake.
 */
import { constants as bufferLimits } from 'node:buffer';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** The file cannot be imported at all (format, encoding, columns, syntax). Nothing was written. */
export class ImportFileError extends Error {
  override readonly name = 'ImportFileError';
}

/**
 * What an import reads unless told otherwise: 512 MB, far above one country's ACLED export
 * (Haiti since 2018: some 10,000 rows, about 10 MB) and about a whole region's, and under the
 * longest text one string can hold (MAX_IMPORT_BYTES).
 */
export const DEFAULT_MAX_IMPORT_BYTES = 512_000_000;
/** The most `--max-bytes` may allow: the file is decoded into one string, and V8 caps a string's length. */
export const MAX_IMPORT_BYTES: number = bufferLimits.MAX_STRING_LENGTH;
const CHUNK_BYTES = 1 << 20;

/** 512000000 → "512 MB", 10737418240 → "10.7 GB". */
export function formatBytes(bytes: number): string {
  const [size, unit] = bytes >= 1e9 ? [bytes / 1e9, 'GB'] : bytes >= 1e6 ? [bytes / 1e6, 'MB'] : [bytes / 1e3, 'kB'];
  if (bytes < 1e3) return `${bytes} bytes`;
  return `${Number(size.toFixed(1))} ${unit}`;
}

function tooLarge(path: string, maxBytes: number, size?: number): ImportFileError {
  return new ImportFileError(
    `${path} is ${size === undefined ? 'larger than' : `${formatBytes(size)}, over`} the import limit of ${formatBytes(maxBytes)}: split it, or raise --max-bytes (at most ${MAX_IMPORT_BYTES}).`,
  );
}

/**
 * Reads an import file (or a pipe, or a device) a chunk at a time, and stops as soon as it
 * passes `maxBytes` or shows UTF-16 or NUL bytes: an endless or binary input is refused early.
 */
export function readImportFile(path: string, maxBytes = DEFAULT_MAX_IMPORT_BYTES): string {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ImportFileError(
      code === 'ENOENT'
        ? `${path}: no such file.`
        : code === 'EACCES' || code === 'EPERM'
          ? `${path}: this user may not read it.`
          : `${path}: cannot read (${(err as Error).message}).`,
    );
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new ImportFileError(`${path} is a folder; name a file.`);
    if (stat.isFile() && stat.size > maxBytes) throw tooLarge(path, maxBytes, stat.size);
    // A regular file is read into one buffer of its size (one byte more shows that it grew).
    let buffer = Buffer.allocUnsafe(stat.isFile() && stat.size > 0 ? stat.size + 1 : CHUNK_BYTES);
    let total = 0;
    /** Bytes already checked for NUL. */
    let scanned = 0;
    for (;;) {
      if (total === buffer.length) {
        const grown = Buffer.allocUnsafe(Math.min(buffer.length * 2, maxBytes + 1));
        buffer.copy(grown, 0, 0, total);
        buffer = grown;
      }
      let read: number;
      try {
        read = readSync(fd, buffer, total, Math.min(CHUNK_BYTES, buffer.length - total), null);
      } catch (err) {
        throw new ImportFileError(`${path}: cannot read (${(err as Error).message}).`);
      }
      if (read === 0) break;
      total += read;
      if (total > maxBytes) throw tooLarge(path, maxBytes);
      if (total < 2) continue;
      // The byte-order mark first: every UTF-16 file has NUL bytes.
      if (scanned === 0) checkNotUtf16(buffer, path);
      const nul = buffer.subarray(scanned, total).indexOf(0);
      if (nul >= 0) throw nulError(path, lineAt(buffer, scanned + nul));
      scanned = total;
    }
    return decodeUtf8(buffer.subarray(0, total), path);
  } finally {
    closeSync(fd);
  }
}

function checkNotUtf16(bytes: Uint8Array, name: string): void {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new ImportFileError(`${name} is UTF-16 text; save it as UTF-8 (CSV UTF-8 in Excel) and import it again.`);
  }
}

const nulError = (name: string, line: number) =>
  new ImportFileError(
    `${name} contains NUL bytes (line ${line}): it is binary or UTF-16 without a byte-order mark; save it as UTF-8.`,
  );

export function decodeUtf8(bytes: Uint8Array, name: string): string {
  checkNotUtf16(bytes, name);
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw nulError(name, lineAt(bytes, nul));
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    const lenient = new TextDecoder('utf-8').decode(bytes);
    const at = lenient.indexOf('\uFFFD');
    const line = at < 0 ? 1 : lenient.slice(0, at).split('\n').length;
    throw new ImportFileError(
      `${name} is not valid UTF-8 (first bad byte on line ${line}); it may be Latin-1 or Windows-1252. Save it as UTF-8 and import it again.`,
    );
  }
}

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}
