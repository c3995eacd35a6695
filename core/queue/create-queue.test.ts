import { describe, expect, it } from 'vitest';
import { createSilentLogger } from '../logging/pino-logger.js';
import { createSqlDb } from '../store/create-storage.js';
import { createQueue } from './create-queue.js';
import type { RabbitMqQueue } from './rabbitmq-queue.js';

describe('createQueue', () => {
  const deps = {
    db: createSqlDb('sqlite::memory:', createSilentLogger()),
    logger: createSilentLogger(),
    deadLetters: async () => undefined,
  };

  it('picks the driver from the URL without connecting', () => {
    expect(createQueue('local', deps).kind).toBe('local');
    expect(createQueue('amqp://guest:guest@127.0.0.1:1', deps).kind).toBe('rabbitmq');
    const namespaced = createQueue('amqps://broker.example:5671', {
      ...deps,
      namespace: 'shop1',
    }) as RabbitMqQueue;
    expect(namespaced.names('orders')).toMatchObject({ work: 'shop1.orders', dlq: 'shop1.orders.dlq' });
    expect(namespaced.names('orders').retry(500)).toBe('shop1.orders.retry.500');
    expect((createQueue('amqp://h', deps) as RabbitMqQueue).names('orders').work).toBe('hamgam.orders');
  });

  it('refuses anything else without echoing a password', () => {
    let error: unknown;
    try {
      createQueue('redis://user:secret@host', deps);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'CONFIG_INVALID' });
    expect(JSON.stringify((error as { details: unknown }).details)).not.toContain('secret');
  });
});
