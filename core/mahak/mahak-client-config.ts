import type { Config } from '../config/config-schema.js';
import type { Logger } from '../logging/logger.js';
import type { MahakClientOptions } from './mahak-client.js';

/** The client's options from the validated config (mahakUrl, mahakUser, … mahakTimeoutMs). */
export function mahakClientOptionsFromConfig(
  config: Pick<
    Config,
    'mahakUrl' | 'mahakUser' | 'mahakPassword' | 'mahakDatabaseId' | 'mahakApiVersion' | 'mahakTimeoutMs'
  >,
  logger: Logger,
): MahakClientOptions {
  return {
    baseUrl: config.mahakUrl,
    user: config.mahakUser,
    password: config.mahakPassword,
    ...(config.mahakDatabaseId === undefined ? {} : { databaseId: config.mahakDatabaseId }),
    apiVersion: config.mahakApiVersion,
    timeoutMs: config.mahakTimeoutMs,
    logger,
  };
}
