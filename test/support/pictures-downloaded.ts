import type { Storage } from '../../core/store/storage.js';

/**
 * Marks every pulled picture as downloaded, as the picture sync would after fetching its bytes, so
 * catalogue tests that do not run the picture sync still see the pictures the storefront would list.
 */
export async function markPicturesDownloaded(storage: Storage): Promise<void> {
  await storage.db.run(
    `UPDATE pictures SET blob_key = 'sha256/test/' || CAST(id AS TEXT), content_type = 'image/png', ` +
      'downloaded_row_version = row_version WHERE deleted_at IS NULL',
  );
}
