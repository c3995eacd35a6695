/**
 * Column types shared by the Mahak -> store mapping and the SQL executor (core/store/sql-db.ts
 * re-exports this). Money is rial in a `float` column; timestamps are epoch ms in `int`; booleans
 * are 0/1 in `int`-like columns on both dialects so rows read back the same everywhere.
 */
export type ColumnType = 'int' | 'float' | 'text' | 'json' | 'bool';

export interface ColumnSpec {
  name: string;
  type: ColumnType;
}

/** What the mapping needs from the outside world; passed in so the mapping stays pure. */
export interface MappingContext {
  /** Epoch ms stamped into deleted_at when a record arrives with Deleted: true. */
  now: number;
  /** Mahak's money unit; the store always keeps rial (toman x 10). */
  mahakCurrency: 'rial' | 'toman';
  /** Fields the shop keeps for itself (desk settings): an update leaves them as they are. */
  optOuts?: PullOptOuts;
}

/** Store fields a shop may keep for itself instead of taking Mahak's (pictures are not fields: see picture-sync). */
export type PullOptOut = 'prices' | 'stock' | 'titles';
export type PullOptOuts = Readonly<Record<PullOptOut, boolean>>;
