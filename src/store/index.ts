export { type SeedData, type SeedReport, seedStore } from './seed.ts';
export { ensureDatabaseDirectory, StoreOpenError } from './sqlite-database.ts';
export { describeStoreFailure } from './sqlite-failures.ts';
export { openSqliteStore, type SqliteStore, type SqliteStoreOptions } from './sqlite-store.ts';
