import { describe } from 'vitest';
import { hasRabbitMq } from '../support/services.js';
import { runQueueContract } from './queue-contract.js';
import { rabbitHarness } from './rabbitmq-harness.js';

describe.skipIf(!hasRabbitMq)('RabbitMQ queue driver', () => {
  runQueueContract('rabbitmq', async () => rabbitHarness('contract'));
});
