import type { ConsumeMessage, Options } from 'amqplib';
import { appendHistory, parseHistory, type AttemptRecord } from './retry-policy.js';

/** The attempt bookkeeping travels with the message, so any consumer instance can continue it. */
export const attemptHeader = 'x-hamgam-attempt';
export const lastErrorHeader = 'x-hamgam-last-error';
export const historyHeader = 'x-hamgam-history';

export interface DeliveryState {
  /** 1 on the first delivery. */
  attempt: number;
  lastError?: string;
  history: AttemptRecord[];
}

export function readDeliveryState(msg: ConsumeMessage): DeliveryState {
  const headers = msg.properties.headers ?? {};
  const attempt = Number(headers[attemptHeader]);
  const lastError = headers[lastErrorHeader];
  return {
    attempt: Number.isInteger(attempt) && attempt >= 1 ? attempt : 1,
    ...(typeof lastError === 'string' ? { lastError } : {}),
    history: parseHistory(headers[historyHeader]),
  };
}

/** Publish options for the first delivery of a new message. */
export function freshMessageOptions(messageId: string): Options.Publish {
  return {
    persistent: true,
    messageId,
    contentType: 'application/json',
    timestamp: Math.floor(Date.now() / 1000),
    headers: { [attemptHeader]: 1 },
  };
}

/** Options for re-publishing a failed delivery (to a retry queue or the DLQ): keeps its identity. */
export function failedMessageOptions(
  msg: ConsumeMessage,
  state: DeliveryState,
  error: string,
  nextAttempt: number,
): Options.Publish {
  const history = appendHistory(state.history, error);
  return {
    persistent: true,
    contentType: msg.properties.contentType ?? 'application/json',
    ...(msg.properties.messageId ? { messageId: msg.properties.messageId } : {}),
    ...(msg.properties.timestamp ? { timestamp: msg.properties.timestamp } : {}),
    headers: {
      [attemptHeader]: nextAttempt,
      [lastErrorHeader]: error,
      [historyHeader]: JSON.stringify(history),
    },
  };
}

export function historyOf(options: Options.Publish): AttemptRecord[] {
  return parseHistory(options.headers?.[historyHeader]);
}
