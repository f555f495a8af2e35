/**
 * The folders under src/ form no cycle: if a folder imports another, that one never imports it
 * back, directly or through others. Only one platform folder imports each platform package.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const srcDir = new URL('../src/', import.meta.url).pathname;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : /\.ts$/.test(entry.name) ? [join(dir, entry.name)] : [],
  );
}

/** The unit of layering: a top-level folder, or a platform folder under src/bots. */
function unitOf(file: string): string {
  const parts = relative(srcDir, file).split('/');
  if (parts.length === 1) return '(root)';
  if (parts[0] === 'bots' && parts.length > 2) return `bots/${parts[1]}`;
  return parts[0] as string;
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) =>
    resolve(dirname(file), m[1] as string),
  );
}

/** Folder edges, each with one file that makes it. */
function folderEdges(files: string[]): Map<string, Map<string, string>> {
  const edges = new Map<string, Map<string, string>>();
  for (const file of files) {
    const from = unitOf(file);
    for (const target of importsOf(file)) {
      if (!target.startsWith(srcDir)) continue;
      const to = unitOf(target);
      if (to === from || to === '(root)' || from === '(root)') continue;
      const out = edges.get(from) ?? new Map<string, string>();
      if (!out.has(to)) out.set(to, relative(srcDir, file));
      edges.set(from, out);
    }
  }
  return edges;
}

function findCycle(edges: Map<string, Map<string, string>>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === 'done') return undefined;
    if (state.get(node) === 'open') return [...path.slice(path.indexOf(node)), node];
    state.set(node, 'open');
    path.push(node);
    for (const next of edges.get(node)?.keys() ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of edges.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

describe('src layout', () => {
  const files = filesUnder(srcDir);

  it('has no folder cycle', () => {
    const edges = folderEdges(files);
    expect(edges.size).toBeGreaterThan(4);
    const cycle = findCycle(edges);
    const why = cycle?.slice(1).map((to, i) => `${cycle[i]} -> ${to} (${edges.get(cycle[i] as string)?.get(to)})`);
    expect(why).toBeUndefined();
  });

  it('finds a cycle when there is one', () => {
    const edges = new Map([
      ['a', new Map([['b', 'a/x.ts']])],
      ['b', new Map([['c', 'b/y.ts']])],
      ['c', new Map([['a', 'c/z.ts']])],
    ]);
    expect(findCycle(edges)).toEqual(['a', 'b', 'c', 'a']);
  });

  it.each([
    ['discord.js', 'bots/discord'],
    ['@slack/bolt', 'bots/slack'],
  ])('only %s imports %s', (pkg, folder) => {
    const users = files
      .filter((f) => new RegExp(`from ['"]${pkg.replace('.', '\\.')}['"]`).test(readFileSync(f, 'utf8')))
      .map((f) => relative(srcDir, f));
    expect(users.length).toBeGreaterThan(0);
    expect(users.filter((f) => !f.startsWith(`${folder}/`))).toEqual([]);
  });
});
