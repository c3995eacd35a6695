import { benchPullSqlite } from './pull-sqlite.bench.js';

/** `npm run bench`: every benchmark, each printing its ratio against a baseline from the same run. */
await benchPullSqlite();
