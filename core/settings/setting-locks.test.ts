import { describe, expect, it } from 'vitest';
import { configSourcesOf, loadConfig } from '../config/load-config.js';
import { locksFrom } from './runtime-settings.js';

describe('locksFrom', () => {
  it('locks the bank and the person group by id, and by the code env set (the push chooses by id first)', () => {
    const byId = loadConfig({ env: { HAMGAM_MAHAK_BANK_ID: '7' } });
    expect(locksFrom(configSourcesOf(byId)).mahakBankId).toEqual({
      source: 'env',
      name: 'HAMGAM_MAHAK_BANK_ID',
    });
    const byCode = loadConfig({
      env: { HAMGAM_MAHAK_BANK_CODE: '13', HAMGAM_MAHAK_PERSON_GROUP_CODE: '2' },
    });
    const locks = locksFrom(configSourcesOf(byCode));
    expect(locks.mahakBankId).toEqual({ source: 'env', name: 'HAMGAM_MAHAK_BANK_CODE' });
    expect(locks.mahakPersonGroupId).toEqual({ source: 'env', name: 'HAMGAM_MAHAK_PERSON_GROUP_CODE' });
    expect(locksFrom(configSourcesOf(loadConfig({ env: {} }))).mahakBankId).toBeUndefined();
  });
});
