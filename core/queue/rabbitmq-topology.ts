import type { Channel } from 'amqplib';

/**
 * Queue names and declarations for one topic. Every declaration has fixed arguments per name, so
 * any instance may re-declare any queue at any time (a mismatch would be a 406 channel error).
 *
 *   <ns>.<topic>                 work queue, quorum (replicated, durable; the one consumers read)
 *   <ns>.<topic>.retry.<delayMs> one per retry level: quorum, per-queue TTL = delayMs, dead-letters
 *                                through the default exchange back to the work queue
 *   <ns>.<topic>.dlq             final dead-letter queue, quorum; messages that used up maxAttempts
 *
 * Why per-queue TTL: quorum queues honour `x-message-ttl` (RabbitMQ >= 3.10) but not per-message
 * expiration, and a per-message TTL queue would hold a short delay behind a long one anyway (only
 * the head expires). With one queue per delay every message in it has the same TTL, so FIFO expiry
 * is exact. The retry queues use `x-dead-letter-strategy: at-least-once` (which requires
 * `x-overflow: reject-publish`), so a broker crash while a message moves from a retry queue back to
 * the work queue cannot lose it. On a broker older than 3.10 these declarations fail; declare the
 * retry queues as classic durable queues there (the only change is the x-queue-type).
 */
export interface TopicNames {
  work: string;
  dlq: string;
  retry(delayMs: number): string;
}

export function topicNames(namespace: string, topic: string): TopicNames {
  const work = namespace ? `${namespace}.${topic}` : topic;
  return { work, dlq: `${work}.dlq`, retry: (delayMs) => `${work}.retry.${delayMs}` };
}

const quorum = { durable: true, arguments: { 'x-queue-type': 'quorum' } } as const;

export async function declareWorkQueue(ch: Channel, names: TopicNames): Promise<number> {
  return (await ch.assertQueue(names.work, quorum)).messageCount;
}

export async function declareRetryQueue(ch: Channel, names: TopicNames, delayMs: number): Promise<number> {
  const reply = await ch.assertQueue(names.retry(delayMs), {
    durable: true,
    arguments: {
      'x-queue-type': 'quorum',
      'x-message-ttl': delayMs,
      'x-dead-letter-exchange': '',
      'x-dead-letter-routing-key': names.work,
      'x-dead-letter-strategy': 'at-least-once',
      'x-overflow': 'reject-publish',
    },
  });
  return reply.messageCount;
}

export async function declareDeadLetterQueue(ch: Channel, names: TopicNames): Promise<void> {
  await ch.assertQueue(names.dlq, quorum);
}

/** Everything a consumer with these retry delays needs. */
export async function declareConsumerTopology(
  ch: Channel,
  names: TopicNames,
  delays: readonly number[],
): Promise<void> {
  await declareWorkQueue(ch, names);
  for (const delay of delays) await declareRetryQueue(ch, names, delay);
  await declareDeadLetterQueue(ch, names);
}
