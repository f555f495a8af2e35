/**
 * `npm run slack:manifest` prints the app manifest (JSON) for Socket Mode;
 * `npm run slack:manifest -- --url https://host/slack/events` prints the HTTP variant.
 */
import { commands } from '../../commands/commands.ts';
import { buildSlackManifest } from './manifest.ts';

export function runManifestCli(argv: string[], out: (text: string) => void, err: (text: string) => void): number {
  const at = argv.indexOf('--url');
  const requestUrl = at >= 0 ? argv[at + 1] : undefined;
  if (at >= 0 && !requestUrl?.startsWith('https://')) {
    err('--url needs the public https URL of the HTTP receiver, like https://sitrep.example.org/slack/events');
    return 2;
  }
  out(JSON.stringify(buildSlackManifest(commands, { requestUrl }), null, 2));
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = runManifestCli(
    process.argv.slice(2),
    (text) => process.stdout.write(`${text}\n`),
    (text) => process.stderr.write(`${text}\n`),
  );
}
