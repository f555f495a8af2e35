/**
 * An import file's bytes as text: UTF-8 only (a UTF-8 byte-order mark is dropped). A UTF-16
 * file or bytes that are not UTF-8 are refused with the line where the problem is, before
 * anything is parsed, so a wrongly saved spreadsheet never reaches the store as mojibake.
 */
import { readFileSync } from 'node:fs';

/** The file cannot be imported at all (format, encoding, columns, syntax). Nothing was written. */
export class ImportFileError extends Error {
  override readonly name = 'ImportFileError';
}

export function readImportFile(path: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ImportFileError(
      code === 'ENOENT'
        ? `${path}: no such file.`
        : code === 'EISDIR'
          ? `${path} is a folder; name a file.`
          : `${path}: cannot read (${(err as Error).message}).`,
    );
  }
  return decodeUtf8(bytes, path);
}

export function decodeUtf8(bytes: Uint8Array, name: string): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new ImportFileError(`${name} is UTF-16 text; save it as UTF-8 (CSV UTF-8 in Excel) and import it again.`);
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    throw new ImportFileError(
      `${name} contains NUL bytes (line ${lineAt(bytes, nul)}): it is binary or UTF-16 without a byte-order mark; save it as UTF-8.`,
    );
  }
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
