/** The saved queries of buttons (see SavedQueryStore) in Postgres: one row per query hash. */
import { type SavedQueryStore, savedQueryId } from '../../core/saved-query-port.ts';
import type { Sql } from './connection.ts';

export function createPostgresSavedQueries(sql: Sql): SavedQueryStore {
  return {
    async save(query) {
      const id = savedQueryId(query);
      await sql`INSERT INTO saved_queries (id, query) VALUES (${id}, ${query}) ON CONFLICT (id) DO NOTHING`;
      return id;
    },
    async load(id) {
      const rows = await sql<{ query: string }[]>`SELECT query FROM saved_queries WHERE id = ${id}`;
      return rows[0]?.query;
    },
  };
}
