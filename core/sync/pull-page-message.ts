import { z } from 'zod';
import { pulledEntityNames, type PulledEntityName } from '../contracts/mahak-wire.js';
import type { PullPage } from '../store/storage.js';

/** The queue topic pages travel on between the fetcher and the consumer. */
export const pullPagesTopic = 'pull.pages';

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What a consumer accepts off the queue: a message from another version or a corrupt one is rejected. */
export const pullPageMessage = z.object({
  runId: z.string().min(1),
  seq: z.number().int().nonnegative(),
  entity: z.enum(pulledEntityNames as [PulledEntityName, ...PulledEntityName[]]),
  // Each record is checked against its entity's schema when it is mapped (catalog-mapping.ts); here
  // only that it is an object. z.record would copy every key of every record once more.
  records: z.array(z.custom<Record<string, unknown>>(isObject, 'Expected a record object')),
  checkpoint: z.number().int().nonnegative(),
  // The entity's previous page in the run (-1 for its first); absent in messages from older builds.
  prevSeq: z.number().int().min(-1).optional(),
  // A first load's page: its read rows are built at the run's end (pull-storefront-refresh.ts).
  deferStorefront: z.boolean().optional(),
});

export const parsePullPage = (message: unknown): PullPage => pullPageMessage.parse(message);
