import type {
  GetAllDataRequest,
  GetAllDataResult,
  MahakSession,
  SaveAllDataRequest,
  SaveAllDataResult,
} from '../mahak/mahak-client.js';

/** The part of the Mahak client the push side uses (MahakClient satisfies it). */
export interface PushMahak {
  session(): Promise<MahakSession>;
  getAllData(req: GetAllDataRequest): Promise<GetAllDataResult>;
  saveAllData(req: SaveAllDataRequest): Promise<SaveAllDataResult>;
}

/** The drift check also needs Mahak's dispute operations (API.md §5). */
export interface DriftMahak extends PushMahak {
  solveDispute(entityName: string, items: { id: number; rw: number }[]): Promise<unknown>;
  solveOrderDispute(items: { id: number; code: number }[]): Promise<unknown>;
}
