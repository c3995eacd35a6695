import { describe, expect, it } from 'vitest';
import { pauseText } from './push-pause-text.js';

describe('pauseText', () => {
  it('sends staff to the settings page for desk keys and to the configuration for the others', () => {
    const group = pauseText({
      key: 'mahakPersonGroupId',
      env: 'HAMGAM_MAHAK_PERSON_GROUP_ID',
      problem: 'not in Mahak',
      message: 'Mahak has no person group with id 999',
    });
    expect(group.where).toBe('settings');
    const bank = pauseText({
      key: 'mahakBankCode',
      env: 'HAMGAM_MAHAK_BANK_CODE',
      problem: 'ambiguous',
      message: '2 banks in Mahak have code 13',
    });
    expect(bank).toMatchObject({ where: 'config' });
    expect(bank.fa).toContain('کد حساب بانکی پرداخت‌های اینترنتی در محک بیش از یک مورد با این کد هست');
    expect(bank.en).toContain('2 banks in Mahak have code 13 (mahakBankCode)');
    // Only paid online orders wait for a bank; the text says cash on delivery still goes.
    expect(bank.fa).toContain('سفارش‌های پرداخت‌شدهٔ اینترنتی در صف می‌مانند');
    expect(bank.en).toContain('Cash-on-delivery orders still go');
  });

  it("does not repeat the banner's title, and leaves where to fix it to the banner's last line", () => {
    for (const key of ['mahakBankId', 'storeId']) {
      const text = pauseText({ key, env: 'HAMGAM_X', problem: 'not in Mahak', message: 'Mahak has no such' });
      expect(text.fa).not.toContain('متوقف است');
      expect(text.en).not.toMatch(/paused/i);
      // No Latin key inside the Persian sentence: the banner names it, set apart left to right.
      expect(text.fa).not.toMatch(/[A-Za-z]/);
    }
  });

  it('a desk key set by env / config file is fixed there, not in the desk', () => {
    const facts = { key: 'mahakBankId', env: 'HAMGAM_MAHAK_BANK_ID', problem: 'not in Mahak', message: 'x' };
    expect(pauseText(facts).where).toBe('settings');
    expect(pauseText({ ...facts, locked: true }).where).toBe('config');
  });
});
