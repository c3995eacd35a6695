import { benchFreshness } from './freshness.bench.js';
import { benchPullMemory } from './pull-memory.bench.js';
import { benchPullPostgres } from './pull-postgres.bench.js';
import { benchPullSqlite } from './pull-sqlite.bench.js';
import { benchPush } from './push.bench.js';
import { benchStorefront, storefrontSizes } from './storefront.bench.js';
import { intArg } from './bench-support.js';

/**
 * `npm run bench`: every benchmark, each printing its ratio against a baseline measured in the same
 * run. `--products=N` sizes the pull benchmarks (default: 100,000 for SQLite, 1,000,000 for
 * PostgreSQL + RabbitMQ as the issue asks; expect the latter to take tens of minutes). The storefront
 * benchmark runs first, at 20,000 and 100,000 products (HAMGAM_BENCH_1M=1 adds 1,000,000), then
 * freshness (1,000 changes in 100,000 products; 1,000,000 with HAMGAM_BENCH_1M=1).
 */
await benchStorefront(storefrontSizes());
await benchFreshness();
await benchPullSqlite(intArg('products', 100_000));
await benchPullPostgres(intArg('pg-products', 1_000_000));
await benchPullMemory();
await benchPush();
