/**
 * The Queue port. At-least-once delivery; handlers must be idempotent (the pull's upsert is).
 * A handler that throws is retried with exponential backoff; after `maxAttempts` the message goes to
 * the dead-letter sink with its attempt history, and the messages behind it keep flowing.
 */
export interface Queue {
  readonly kind: 'local' | 'rabbitmq';
  init(): Promise<void>;
  close(): Promise<void>;
  ping(): Promise<void>;
  publish(topic: string, message: unknown): Promise<void>;
  consume(topic: string, handler: MessageHandler, options?: ConsumeOptions): Promise<Consumer>;
  /** Messages waiting (ready + scheduled for retry) on a topic. */
  depth(topic: string): Promise<number>;
}

export type MessageHandler = (message: unknown, meta: MessageMeta) => Promise<void>;

export interface MessageMeta {
  /** 1 on the first delivery. */
  attempt: number;
  lastError?: string;
}

export interface ConsumeOptions {
  /** Messages in flight at once (prefetch). Default 1 keeps order within a topic. */
  prefetch?: number;
  /** Default 5. */
  maxAttempts?: number;
  /** Backoff base; the n-th retry waits about base * 2^(n-1) (with jitter on local). Default 500 ms. */
  retryBaseMs?: number;
}

export interface Consumer {
  stop(): Promise<void>;
}

/** Where exhausted messages go (the engine wires it to Storage.addDeadLetter). */
export type DeadLetterSink = (letter: {
  topic: string;
  message: unknown;
  attempts: number;
  history: { at: number; error: string }[];
  /**
   * The message's identity, the same however often the queue hands the letter over (a crash between
   * the sink and the ack repeats it): the sink keeps one letter per id.
   */
  id?: string;
}) => Promise<void>;
