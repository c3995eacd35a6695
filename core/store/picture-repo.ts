import type { SqlDb } from './sql-db.js';
import { readJson } from './sql-values.js';

/** A picture whose current RowVersion has not been downloaded yet. */
export interface PendingPicture {
  id: number;
  rowVersion: number;
  /** Server-relative path on Mahak's host (API.md §1.1); null when Mahak sent none. */
  url: string | null;
  fileName: string | null;
  /** Failures of this RowVersion so far, with their history (a newer RowVersion starts again). */
  attempts: number;
  history: DownloadFailure[];
}

export interface DownloadFailure {
  at: number;
  error: string;
}

/** What the download stored: content-addressed blob key, sha256 hex (the ETag), content type. */
export interface StoredBlob {
  blobKey: string;
  contentHash: string;
  contentType: string;
}

interface PendingRow {
  id: number;
  row_version: number;
  url: string | null;
  file_name: string | null;
  attempts: number | null;
  history: string | null;
}

/**
 * Download state of pictures, on any SqlDb (the `?` SQL runs on SQLite and PostgreSQL alike). The pull
 * writes the picture rows; only this repo writes blob_key/content_hash/content_type/downloaded_row_version
 * (the pull's upsert leaves columns it does not list alone) and the picture_downloads failure rows.
 */
export class PictureRepo {
  constructor(private readonly db: SqlDb) {}

  /**
   * Live pictures whose downloaded RowVersion is not the current one (or never downloaded), id order,
   * keyset-paged. A failure row of an older RowVersion does not match the join, so it counts as none;
   * a picture dead-lettered at its current RowVersion is skipped until Mahak changes the row.
   */
  async listPending(afterId: number, limit: number): Promise<PendingPicture[]> {
    const rows = await this.db.query<PendingRow>(
      `SELECT p.id, p.row_version, p.url, p.file_name, f.attempts, f.history FROM pictures p ` +
        `LEFT JOIN picture_downloads f ON f.picture_id = p.id AND f.row_version = p.row_version ` +
        `WHERE p.id > ? AND p.deleted_at IS NULL ` +
        `AND (p.downloaded_row_version IS NULL OR p.downloaded_row_version <> p.row_version) ` +
        `AND (f.dead_lettered IS NULL OR f.dead_lettered = 0) ORDER BY p.id LIMIT ?`,
      [afterId, limit],
    );
    return rows.map((r) => ({
      id: Number(r.id),
      rowVersion: Number(r.row_version),
      url: r.url,
      fileName: r.file_name,
      attempts: Number(r.attempts ?? 0),
      history: r.history ? readJson<DownloadFailure[]>(r.history) : [],
    }));
  }

  /**
   * Records a finished download. Guarded by row_version: when a newer pull changed the row meanwhile,
   * nothing is written (false) and the next run downloads the newer version.
   */
  async markDownloaded(id: number, rowVersion: number, blob: StoredBlob): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const changed = await tx.run(
        'UPDATE pictures SET blob_key = ?, content_hash = ?, content_type = ?, downloaded_row_version = ? WHERE id = ? AND row_version = ?',
        [blob.blobKey, blob.contentHash, blob.contentType, rowVersion, id, rowVersion],
      );
      if (changed > 0) await tx.run('DELETE FROM picture_downloads WHERE picture_id = ?', [id]);
      return changed > 0;
    });
  }

  /** Saves the failure count and history of one RowVersion (replacing what an older RowVersion left). */
  async recordFailure(
    id: number,
    rowVersion: number,
    attempts: number,
    history: readonly DownloadFailure[],
    deadLettered: boolean,
  ): Promise<void> {
    const last = history.at(-1);
    await this.db.run(
      `INSERT INTO picture_downloads AS t (picture_id, row_version, attempts, history, last_error, dead_lettered, updated_at) ` +
        `VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (picture_id) DO UPDATE SET row_version = excluded.row_version, ` +
        `attempts = excluded.attempts, history = excluded.history, last_error = excluded.last_error, ` +
        `dead_lettered = excluded.dead_lettered, updated_at = excluded.updated_at`,
      [
        id,
        rowVersion,
        attempts,
        JSON.stringify(history),
        last?.error ?? '',
        deadLettered ? 1 : 0,
        last?.at ?? Date.now(),
      ],
    );
  }

  /** Forgets the failures of a picture so the next run tries it again (admin "retry" of its dead letter). */
  async resetFailures(id: number): Promise<void> {
    await this.db.run('DELETE FROM picture_downloads WHERE picture_id = ?', [id]);
  }

  /**
   * The blob store lost a picture's bytes (a restored database beside an empty blob folder): mark it not
   * downloaded so the next picture sync fetches it again. The old blob_key stays until then.
   */
  async forgetDownload(id: number): Promise<void> {
    await this.db.run('UPDATE pictures SET downloaded_row_version = NULL WHERE id = ?', [id]);
  }

  /** A published picture: not deleted and downloaded at least once (an older version stays served until the new one lands). */
  async getPublished(id: number): Promise<StoredBlob | undefined> {
    const rows = await this.db.query<{ blob_key: string; content_hash: string; content_type: string }>(
      'SELECT blob_key, content_hash, content_type FROM pictures WHERE id = ? AND deleted_at IS NULL AND blob_key IS NOT NULL',
      [id],
    );
    const r = rows[0];
    return r ? { blobKey: r.blob_key, contentHash: r.content_hash, contentType: r.content_type } : undefined;
  }
}
