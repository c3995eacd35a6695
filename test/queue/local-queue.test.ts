import { describe } from 'vitest';
import { runQueueContract } from './queue-contract.js';
import { sqliteHarness } from './local-harness.js';

describe('local queue driver', () => {
  runQueueContract('local (SQLite)', async () => sqliteHarness());
});
