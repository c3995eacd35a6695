import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

/** s3rver's built-in account; it checks the access key but (for SigV4) not the signature. */
export const s3rverAccessKey = 'S3RVER';
export const s3rverSecretKey = 'S3RVER';

export interface RunningS3rver {
  port: number;
  /** `http://S3RVER:S3RVER@127.0.0.1:<port>/<bucket>`: the driver's config URL form. */
  blobUrl(bucket: string): string;
  stop(): Promise<void>;
}

/**
 * A real S3-protocol server (s3rver, an npm package) on loopback with a random port and its own
 * temp folder. Never skipped: if it cannot start, the suite fails.
 */
export async function startS3rver(): Promise<RunningS3rver> {
  const directory = await mkdtemp(join(tmpdir(), 'hamgam-s3rver-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, directory, silent: true, resetOnClose: true });
  const { port } = await server.run();
  return {
    port,
    blobUrl: (bucket) => `http://${s3rverAccessKey}:${s3rverSecretKey}@127.0.0.1:${port}/${bucket}`,
    stop: async () => {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
