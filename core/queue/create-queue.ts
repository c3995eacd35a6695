import { HamgamError } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import type { SqlDb } from '../store/sql-db.js';
import { LocalQueue } from './local-queue.js';
import type { DeadLetterSink, Queue } from './queue.js';
import { RabbitMqQueue } from './rabbitmq-queue.js';

export interface QueueDeps {
  /** The store database; the local queue keeps its table there. */
  db: SqlDb;
  logger: Logger;
  deadLetters: DeadLetterSink;
  /** Prefix of RabbitMQ queue names (default 'hamgam'); ignored by the local queue. */
  namespace?: string;
}

/**
 * `HAMGAM_QUEUE`: 'local' (the default, a table in the store database) or an amqp(s):// URL.
 * Constructing a driver does no I/O; call init(). amqplib is imported only when RabbitMQ is used.
 */
export function createQueue(url: string, deps: QueueDeps): Queue {
  if (url === 'local')
    return new LocalQueue({ db: deps.db, logger: deps.logger, deadLetters: deps.deadLetters });
  if (/^amqps?:\/\//.test(url)) {
    return new RabbitMqQueue({
      url,
      logger: deps.logger,
      deadLetters: deps.deadLetters,
      ...(deps.namespace ? { namespace: deps.namespace } : {}),
    });
  }
  throw new HamgamError('CONFIG_INVALID', "The queue must be 'local' or an amqp:// URL", {
    queue: redact(url),
  });
}

/** A URL may carry a password: never echo it back. */
function redact(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}
