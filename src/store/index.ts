export { type SeedData, type SeedReport, seedStore } from './seed.ts';
export { openSqliteStore, type SqliteStoreOptions, StoreOpenError } from './sqlite-store.ts';
