/** A database URL's TLS parameters, in libpq's words, become Node's TLS options (and leave the URL). */
import { describe, expect, it } from 'vitest';
import { loadConfig, redactedConfig } from '../../src/config.ts';
import { parseDatabaseUrl } from '../../src/store/postgres/connection.ts';

const files: Record<string, string> = { '/ca.pem': 'CA', '/client.pem': 'CERT', '/client.key': 'KEY' };
const readFile = (path: string) => {
  const text = files[path];
  if (text === undefined) throw new Error('ENOENT: no such file');
  return text;
};
const parse = (url: string) => parseDatabaseUrl(url, readFile);

describe('database URL', () => {
  it('prefers TLS without requiring it when no mode is given, and can turn it off', () => {
    expect(parse('postgres://u:p@db:5432/sitrep')).toEqual({ url: 'postgres://u:p@db:5432/sitrep', ssl: 'prefer' });
    expect(parse('postgres://u:p@db/sitrep?sslmode=disable').ssl).toBe(false);
  });

  it('requires TLS with or without checking the certificate, as sslmode says', () => {
    expect(parse('postgres://db/s?sslmode=require').ssl).toEqual({ rejectUnauthorized: false });
    const full = parse('postgres://db/s?sslmode=verify-full&sslrootcert=/ca.pem&application_name=x');
    expect(full).toEqual({ url: 'postgres://db/s?application_name=x', ssl: { ca: 'CA', rejectUnauthorized: true } });
    const ca = parse('postgres://db/s?sslmode=verify-ca&sslrootcert=/ca.pem').ssl as Record<string, unknown>;
    expect(ca).toMatchObject({ ca: 'CA', rejectUnauthorized: true });
    expect(typeof ca.checkServerIdentity).toBe('function');
    // As libpq: a CA file given alone verifies the chain.
    expect(parse('postgres://db/s?sslrootcert=/ca.pem').ssl).toMatchObject({ ca: 'CA', rejectUnauthorized: true });
    expect(parse('postgres://db/s?sslmode=verify-full&sslrootcert=system').ssl).toEqual({ rejectUnauthorized: true });
    expect(parse('postgres://db/s?sslmode=require&sslcert=/client.pem&sslkey=/client.key').ssl).toEqual({
      cert: 'CERT',
      key: 'KEY',
      rejectUnauthorized: false,
    });
  });

  it('says what is wrong with a bad mode, a missing file or another scheme', () => {
    expect(() => parse('postgres://db/s?sslmode=strict')).toThrow(/sslmode must be one of disable, .*verify-full/);
    expect(() => parse('postgres://db/s?sslrootcert=/nowhere.pem')).toThrow(/CA file \(sslrootcert\) "\/nowhere.pem"/);
    expect(() => parse('mysql://db/s')).toThrow(/starts with postgres:\/\//);
  });

  it('is a setting: checked at start-up, and logged without its password', () => {
    expect(() => loadConfig({ SITREP_DATABASE_URL: 'mysql://db/s' })).toThrow(
      /SITREP_DATABASE_URL: must be a postgres:\/\/ URL/,
    );
    const config = loadConfig({ SITREP_DATABASE_URL: 'postgres://sitrep:hunter2@db:5432/sitrep?sslmode=require' });
    expect(config.SITREP_DATABASE_URL).toBe('postgres://sitrep:hunter2@db:5432/sitrep?sslmode=require');
    expect(JSON.stringify(redactedConfig(config))).not.toContain('hunter2');
    expect(loadConfig({}).SITREP_DATABASE_URL).toBeUndefined();
  });
});
