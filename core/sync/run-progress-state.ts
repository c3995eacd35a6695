import {
  syncEntityNames,
  type EntityProgress,
  type RunLogLine,
  type RunProgress,
  type SyncEntity,
  type SyncPhase,
  type SyncScope,
} from '../contracts/admin-sync.js';
import { adviseSyncError } from '../domain/sync-error-advice.js';
import type { JournalError } from './run-journal-repo.js';
import type { SyncEvent } from './sync-events.js';

/** Log lines kept per run: the run's notable moments, not one per page. */
export const maxLogLines = 200;

/** One pull run as the tracker follows it from the engine's events. */
export interface RunState {
  runId: string;
  scope: SyncScope;
  phase: SyncPhase;
  startedAt: number;
  finishedAt: number | null;
  entities: Map<SyncEntity, EntityProgress>;
  fetched: Set<SyncEntity>;
  /** Page sequence numbers already counted as applied (seq is unique within a run). */
  appliedSeqs: Set<number>;
  pictures: { downloaded: number; failed: number; done: boolean } | null;
  error: JournalError | null;
  /** Never goes down, so the bar never jumps back. */
  fraction: number;
  log: RunLogLine[];
  logTruncated: boolean;
}

export function newRunState(runId: string, entities: readonly string[] | undefined, now: number): RunState {
  const only = entities?.length === 1 ? (entities[0] as SyncEntity) : undefined;
  const state: RunState = {
    runId,
    scope: only ? { kind: 'entity', entity: only } : { kind: 'all' },
    phase: 'starting',
    startedAt: now,
    finishedAt: null,
    entities: new Map(),
    fetched: new Set(),
    appliedSeqs: new Set(),
    pictures: null,
    error: null,
    fraction: 0,
    log: [],
    logTruncated: false,
  };
  addLog(state, now, 'info', 'run_started', null, { scope: scopeText(state.scope) });
  return state;
}

export const scopeText = (scope: SyncScope): string =>
  scope.kind === 'all' ? 'all' : `entity:${scope.entity}`;

export function scopeEntities(scope: SyncScope): readonly SyncEntity[] {
  return scope.kind === 'all' ? syncEntityNames : [scope.entity];
}

export function addLog(
  state: RunState,
  at: number,
  level: RunLogLine['level'],
  event: string,
  entity: SyncEntity | null,
  data: RunLogLine['data'] = {},
): void {
  // The last line (the outcome) always fits: the limit drops middle lines instead.
  if (state.log.length >= maxLogLines) {
    state.logTruncated = true;
    if (event !== 'run_finished' && event !== 'run_failed') return;
    state.log.splice(maxLogLines - 1);
  }
  state.log.push({ at: new Date(at).toISOString(), level, event, entity, data });
}

function entry(state: RunState, entity: SyncEntity): EntityProgress {
  let e = state.entities.get(entity);
  if (!e) {
    e = { entity, read: 0, applied: 0, changed: 0, pagesRead: 0, pagesApplied: 0, quarantined: 0 };
    state.entities.set(entity, e);
  }
  return e;
}

/**
 * Applies one engine event to the run; returns the entity that moved (for the delta), `true` when
 * something run-wide moved, or false when the event was not about this run.
 */
export function applyEvent(state: RunState, event: SyncEvent, now: number): SyncEntity | boolean {
  if (!('runId' in event) || event.runId !== state.runId) return false;
  switch (event.type) {
    case 'page-fetched': {
      const e = entry(state, event.entity);
      e.read += event.records;
      e.pagesRead++;
      e.quarantined += event.quarantined;
      if (event.quarantined > 0)
        addLog(state, now, 'warn', 'quarantined', event.entity, { count: event.quarantined });
      state.phase = 'fetching';
      return event.entity;
    }
    case 'page-applied': {
      const e = entry(state, event.entity);
      // A page the queue redelivered is reported again (changing nothing): count each page once.
      if (state.appliedSeqs.has(event.seq)) return false;
      state.appliedSeqs.add(event.seq);
      e.pagesApplied++;
      e.changed += event.changed;
      e.applied += event.records ?? 0;
      return event.entity;
    }
    case 'entity-fetched':
      state.fetched.add(event.entity);
      entry(state, event.entity);
      addLog(state, now, 'info', 'entity_fetched', event.entity, { records: event.records });
      return event.entity;
    case 'pictures-progress':
      state.phase = 'pictures';
      state.pictures = { downloaded: event.downloaded, failed: event.failed, done: event.done };
      if (event.done && event.downloaded + event.failed > 0)
        addLog(state, now, event.failed > 0 ? 'warn' : 'info', 'pictures_done', null, {
          downloaded: event.downloaded,
          failed: event.failed,
        });
      return true;
    case 'run-finished':
      finishRun(state, event, now);
      return true;
    default:
      return false;
  }
}

function finishRun(state: RunState, event: Extract<SyncEvent, { type: 'run-finished' }>, now: number): void {
  state.finishedAt = now;
  const totals = totalsOf(state);
  if (event.status === 'ok') {
    state.phase = 'done';
    state.fraction = 1;
    addLog(state, now, 'info', 'run_finished', null, {
      read: totals.read,
      changed: totals.changed,
      seconds: Math.round((now - state.startedAt) / 1000),
    });
  } else {
    state.phase = 'failed';
    state.error = {
      code: event.errorCode ?? null,
      message: event.error ?? null,
      details: event.errorDetails,
    };
    const advice = adviseSyncError(state.error);
    addLog(state, now, 'error', 'run_failed', null, { kind: advice.kind, detail: advice.detail });
  }
}

export function totalsOf(state: RunState): RunProgress['totals'] {
  const t = { read: 0, applied: 0, changed: 0, pagesRead: 0, pagesApplied: 0 };
  for (const e of state.entities.values()) {
    t.read += e.read;
    t.applied += e.applied;
    t.changed += e.changed;
    t.pagesRead += e.pagesRead;
    t.pagesApplied += e.pagesApplied;
  }
  return t;
}

/**
 * The bar: each entity of the scope weighs the same; a fully read entity counts by how much of it is
 * applied, one still being read counts for at most half. Kept monotonic and below 1 until the end.
 */
export function updateFraction(state: RunState): number {
  if (state.phase === 'done') return (state.fraction = 1);
  const scope = scopeEntities(state.scope);
  let sum = 0;
  for (const name of scope) {
    const e = state.entities.get(name);
    const appliedShare = e && e.pagesRead > 0 ? Math.min(1, e.pagesApplied / e.pagesRead) : 1;
    sum += state.fetched.has(name) ? appliedShare : e && e.pagesRead > 0 ? appliedShare / 2 : 0;
  }
  const pictureDiscount = state.phase === 'pictures' && !state.pictures?.done ? 0.98 : 0.99;
  const computed = Math.min(pictureDiscount, sum / scope.length);
  state.fraction = Math.max(state.fraction, computed);
  return state.fraction;
}

export function rateOf(state: RunState, now: number): number {
  const seconds = ((state.finishedAt ?? now) - state.startedAt) / 1000;
  return seconds <= 0 ? 0 : Math.round((totalsOf(state).applied / seconds) * 10) / 10;
}

export function toProgressView(state: RunState, now: number): RunProgress {
  return {
    runId: state.runId,
    scope: state.scope,
    phase: state.phase,
    startedAt: new Date(state.startedAt).toISOString(),
    finishedAt: state.finishedAt === null ? null : new Date(state.finishedAt).toISOString(),
    entities: orderedEntities(state),
    totals: totalsOf(state),
    ratePerSecond: rateOf(state, now),
    fraction: updateFraction(state),
    pictures: state.pictures,
    error: state.error ? adviseSyncError(state.error) : null,
  };
}

export function orderedEntities(state: RunState): EntityProgress[] {
  return syncEntityNames.flatMap((n) => {
    const e = state.entities.get(n);
    return e ? [{ ...e }] : [];
  });
}
