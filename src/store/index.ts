export { type SeedData, type SeedReport, seedStore } from './seed.ts';
export { StoreOpenError } from './sqlite-database.ts';
export { openSqliteStore, type SqliteStoreOptions } from './sqlite-store.ts';
