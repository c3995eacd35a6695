import type { Config } from '../config/config-schema.js';
import type { DisputeWorkbench, DisputeWorkbenchQuery } from '../contracts/admin-disputes.js';
import type { DisputeDetail, DisputeSummary, ResolveDisputeRequest } from '../contracts/admin.js';
import type { Logger } from '../logging/logger.js';
import type { NotificationSender, OrderCancelledNotice } from '../orders/notification-sender.js';
import type { Storage } from '../store/storage.js';
import { getDispute, listDisputes, type DisputeRecord } from './dispute-repo.js';
import { resolveInTx } from './dispute-resolve.js';
import { suggestOrderEdits, suggestPersonGroup, type SuggestOptions } from './dispute-suggest.js';
import { HamgamError } from '../errors.js';
import { compareWithMahak, disputeAudit } from './dispute-workbench.js';
import type { PushMahak } from './push-ports.js';

export interface DisputeServiceDeps {
  storage: Storage;
  config: Config;
  logger: Logger;
  /** The orders part's customer-notification port (core/orders/notification-sender.ts). */
  notifier?: NotificationSender;
  /** Reads Mahak's current records for the workbench; without it the captured ones are shown. */
  mahak?: PushMahak;
  /** Wakes the push worker after a resend (in-process nudge). */
  nudge?: () => void;
  now?: () => number;
}

export interface Actor {
  id: string;
  role: string;
}

/** The dispute workbench behind /admin/api/disputes: list, show with both sides, resolve (audited). */
export class DisputeService {
  private readonly now: () => number;

  constructor(private readonly deps: DisputeServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  async list(query: { status?: 'open' | 'resolved'; limit: number }): Promise<DisputeSummary[]> {
    return (await listDisputes(this.deps.storage.db, query)).map(toSummary);
  }

  async get(id: string): Promise<DisputeDetail> {
    return this.toDetail(await this.load(id));
  }

  /** The dispute, ours beside Mahak's current records, and its audit trail (workbench screen). */
  async workbench(id: string, query: DisputeWorkbenchQuery): Promise<DisputeWorkbench> {
    const d = await this.load(id);
    const { storage, config, logger, mahak } = this.deps;
    const [comparison, audit] = await Promise.all([
      compareWithMahak(
        {
          db: storage.db,
          config,
          logger,
          suggest: this.suggestOptions(),
          now: this.now,
          ...(mahak ? { mahak } : {}),
        },
        d,
        query.source,
      ),
      disputeAudit(storage.db, id),
    ]);
    return { dispute: this.toDetail(d), comparison, audit };
  }

  private async load(id: string): Promise<DisputeRecord> {
    const d = await getDispute(this.deps.storage.db, id);
    if (!d) throw new HamgamError('NOT_FOUND', `Dispute ${id} not found`, { resource: 'dispute', id });
    return d;
  }

  async resolve(id: string, request: ResolveDisputeRequest, actor: Actor): Promise<DisputeDetail> {
    const now = this.now();
    const notice: OrderCancelledNotice | undefined = await this.deps.storage.db.transaction((tx) =>
      resolveInTx(tx, { id, request, actor, now, suggest: this.suggestOptions() }),
    );
    this.deps.logger.info(
      { disputeId: id, resolution: request.resolution, by: actor.id },
      'dispute resolved',
    );
    if (notice) await this.notify(notice);
    if (request.resolution === 'resend' || request.resolution === 'edit_and_resend') this.deps.nudge?.();
    return this.get(id);
  }

  private async notify(notice: OrderCancelledNotice): Promise<void> {
    try {
      await this.deps.notifier?.orderCancelled(notice);
    } catch (e) {
      // The cancellation stands; a failed SMS is logged, never undoes it (notification-sender.ts).
      this.deps.logger.warn({ err: e, orderId: notice.orderId }, 'cancellation notice not sent');
    }
  }

  private suggestOptions(): SuggestOptions {
    const { config } = this.deps;
    return {
      currency: config.mahakCurrency,
      sellPriceLevel: config.sellPriceLevel,
      storeId: config.storeId,
      personGroupId: config.mahakPersonGroupId,
    };
  }

  private toDetail(d: DisputeRecord): DisputeDetail {
    const open = d.status === 'open';
    return {
      ...toSummary(d),
      payload: d.payload,
      requestBody: d.requestBody,
      mahakProperty: d.mahakProperty,
      mahakCode: d.mahakCode,
      errors: d.errors,
      mahakCurrent: d.mahakCurrent,
      suggestedEdits: open ? suggestOrderEdits(d, this.suggestOptions()) : [],
      suggestedPersonGroupId:
        open && d.kind === 'person' ? suggestPersonGroup(d, this.deps.config.mahakPersonGroupId) : null,
      resolvedBy: d.resolvedBy,
      resolvedAt: d.resolvedAt === null ? null : new Date(d.resolvedAt).toISOString(),
    };
  }
}

function toSummary(d: DisputeRecord): DisputeSummary {
  return {
    id: d.id,
    outboxId: d.outboxId,
    orderId: d.orderId,
    orderNumber: d.payload.kind === 'order' ? d.payload.orderSeq : null,
    kind: d.kind,
    reason: d.reason,
    status: d.status,
    allowed: d.allowed,
    mahakMessage: d.mahakMessage,
    resolution: d.resolution,
    createdAt: new Date(d.createdAt).toISOString(),
  };
}
