import type { Config } from '../config/config-schema.js';
import { defaultFailurePolicy, type FailurePolicy } from '../domain/failure-classification.js';
import { defaultPushMapping, type PushMappingConfig } from '../domain/order-mapping.js';
import { HamgamError } from '../errors.js';
import type { SqlExecutor } from '../store/sql-db.js';

/** Tunables of the push worker, from config (core/config/config-schema.ts). */
export interface PushSettings {
  /** Records per SaveAllData request. */
  batchSize: number;
  /** Outbox items leased per round. */
  leaseLimit: number;
  leaseMs: number;
  lockTtlMs: number;
  /** Rows per GetAllData page when reading orders back. */
  pageSize: number;
  /** RowVersions re-read below the read-back floor (a late commit can carry a lower one; invariant 1). */
  readBackOverlap: number;
  failurePolicy: FailurePolicy;
  /**
   * Read-back only, no resend, while an accepted (or possibly sent) order is younger than this
   * (config pushConfirmMinutes): a late Mahak commit shows up within it.
   */
  confirmWindowMs: number;
  /** Rounds per run (each round leases, sends and records one lease worth of items). */
  maxRounds: number;
}

export function pushSettingsFrom(config: Config): PushSettings {
  return {
    batchSize: config.pushBatchSize,
    // Items per round: enough for several full requests (an order is several records), so only the
    // last request of a round is partly filled.
    leaseLimit: config.pushBatchSize * 2,
    leaseMs: config.pushLeaseSeconds * 1000,
    lockTtlMs: config.lockTtlSeconds * 1000,
    pageSize: config.pageSize,
    readBackOverlap: config.pushReadBackOverlap,
    failurePolicy: { ...defaultFailurePolicy, maxAttempts: config.pushMaxAttempts },
    confirmWindowMs: Math.round(config.pushConfirmMinutes * 60_000),
    maxRounds: 50,
  };
}

/** The mapping of web orders to Mahak records; VisitorId comes from login, the generation from the store. */
export function mappingConfigFrom(
  config: Config,
  facts: {
    visitorId: number;
    storeId: number;
    generation: number;
    personGroupId: number;
    bankId: number;
  },
): PushMappingConfig {
  return {
    ...defaultPushMapping,
    visitorId: facts.visitorId,
    storeId: facts.storeId,
    generation: facts.generation,
    currency: config.mahakCurrency,
    orderType: config.mahakOrderType,
    settlementType: { paid: config.mahakSettlementPaid, unpaid: config.mahakSettlementUnpaid },
    bankId: facts.bankId,
    personGroupId: facts.personGroupId,
    ...(config.mahakCashCode === undefined ? {} : { cashCode: config.mahakCashCode }),
  };
}

/**
 * OrderDetail.StoreId (S5: required per Mahak support, API.md §4.1): config storeId, else the store
 * with config storeCode, else the first live store the pull brought in.
 */
export async function resolvePushStoreId(db: SqlExecutor, config: Config): Promise<number> {
  if (config.storeId !== undefined) return config.storeId;
  const rows =
    config.storeCode !== undefined
      ? await db.query<{ id: number }>('SELECT id FROM stores WHERE code = ? AND deleted_at IS NULL', [
          config.storeCode,
        ])
      : await db.query<{ id: number }>('SELECT id FROM stores WHERE deleted_at IS NULL ORDER BY id LIMIT 1');
  if (rows[0]) return Number(rows[0].id);
  throw new HamgamError(
    'CONFIG_INVALID',
    'No Mahak store to send order lines from; set storeId or pull first',
    [{ key: 'storeId', env: 'HAMGAM_STORE_ID', problem: 'no store known' }],
  );
}
