/**
 * The saved queries of buttons (see SavedQueryStore) in the SQLite file. Statements are prepared
 * on first use: a file opened read-only that predates the table still opens and answers.
 */
import type { Statement } from 'better-sqlite3';
import { type SavedQueryStore, savedQueryId } from '../core/saved-query-port.ts';
import type { SqliteConnection } from './sqlite-connection.ts';

export function createSqliteSavedQueries(
  connection: SqliteConnection,
  now: () => Date = () => new Date(),
): SavedQueryStore {
  const { db, run } = connection;
  let statements:
    | { insert: Statement<[string, string, string]>; select: Statement<[string], { query: string }> }
    | undefined;
  const prepared = () => {
    statements ??= {
      insert: db.prepare<[string, string, string]>(
        'INSERT INTO saved_queries (id, query, saved_at) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING',
      ),
      select: db.prepare<[string], { query: string }>('SELECT query FROM saved_queries WHERE id = ?'),
    };
    return statements;
  };
  return {
    save: (query) =>
      run(() => {
        const id = savedQueryId(query);
        prepared().insert.run(id, query, now().toISOString());
        return id;
      }),
    load: (id) => run(() => prepared().select.get(id)?.query),
  };
}
