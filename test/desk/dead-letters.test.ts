import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeadLetterList, DeadLetterView } from '../../core/contracts/admin-dead-letters.js';
import {
  deskStartTimeout,
  deskTestTimeout,
  expectNoSeriousAxe,
  retryLetter,
  screenshot,
  signIn,
  startDesk,
  type Desk,
} from './desk-harness.js';
import { textWithoutLatinParts } from './page-text.js';
import { adminGet, checkout, goodsOnSale, ownerToken, pushUntil, sim } from './workbench-scenarios.js';

const persianNumber = (n: number) => n.toLocaleString('fa-IR');

/**
 * The dead-letter drawer against a real `hamgam demo`: Mahak refuses every request, so two new
 * customers first fail together (bystanders of each other, not counted), then alone, read back between
 * attempts (Mahak's unhandled error leaves a save in doubt), until two attempts are spent. The drawer
 * numbers exactly the attempts the count says, the rest are unnumbered notes; after the clerk's retry
 * the next letter starts at that retry.
 */
describe('desk dead-letter drawer: attempts as counted', { timeout: 3 * deskTestTimeout }, () => {
  let desk: Desk;
  let token: string;
  beforeAll(async () => {
    desk = await startDesk({
      products: 40,
      env: {
        HAMGAM_PUSH_MAX_ATTEMPTS: '2',
        HAMGAM_PULL_SCHEDULE: '0 3 1 1 *',
        HAMGAM_PUSH_CONFIRM_MINUTES: '0.05',
      },
    });
    token = await ownerToken(desk);
  }, deskStartTimeout);
  afterAll(async () => {
    await desk?.close();
  });

  const letters = () => adminGet<DeadLetterList>(desk, token, '/admin/api/dead-letters');
  const numbered = (l: DeadLetterView) => l.history.filter((h) => h.attempt !== null).length;

  /** The letter opened in the drawer (its link); checks its lines against its count. */
  async function open(page: Page, letter: DeadLetterView) {
    await page.goto(`${desk.url}/dead-letters?letter=${letter.id}`);
    const drawer = page.getByRole('dialog', { name: 'جزئیات مورد ناموفق' });
    await drawer.getByTestId('attempt-history').waitFor();
    expect(await drawer.innerText()).toContain(
      `ارسال این مورد به محک پس از ${persianNumber(letter.attempts)} بار تلاش انجام نشد.`,
    );
    const attempts = await drawer.getByTestId('history-attempt').allInnerTexts();
    expect(attempts.map((t) => t.split(' — ')[0])).toEqual(
      Array.from({ length: letter.attempts }, (_, i) => `تلاش ${persianNumber(i + 1)}`),
    );
    const text = await drawer.getByTestId('attempt-history').evaluate(textWithoutLatinParts);
    expect(text).not.toMatch(/[A-Za-z0-9]/);
    return drawer;
  }

  it('numbers only the counted attempts, and a letter after a retry starts at it', async () => {
    await sim.fault(desk, { kind: 'appError', operation: 'SaveAllData' });
    const goods = await goodsOnSale(desk, 2);
    await checkout(desk, [goods[0]]);
    await checkout(desk, [goods[1]]);
    // A customer's letter: retried, it goes again on its own (an order would wait for its customer).
    const personLetter = async () => (await letters()).items.find((l) => l.kind === 'person');
    await pushUntil(desk, token, async () => (await personLetter()) !== undefined, 'a dead letter');
    const first = (await personLetter())!;
    // The server numbered its lines as it counted; the bystander sends and read-backs are notes.
    expect(first.attempts).toBe(2);
    expect(numbered(first)).toBe(2);
    expect(first.history.map((h) => h.note)).toContain('not_counted');

    const page = await desk.newPage('/dead-letters');
    await signIn(page);
    const drawer = await open(page, first);
    const notes = await drawer.getByTestId('history-note').allInnerTexts();
    expect(notes.some((n) => n.includes('خطا از مورد دیگری بود و شمرده نشد'))).toBe(true);
    await screenshot(page, 'dead-letter-drawer-attempts');
    await expectNoSeriousAxe(page);

    await retryLetter(page, drawer);
    const target = (first.payload as { outboxId: string }).outboxId;
    const again = async () =>
      (await letters()).items.find((l) => (l.payload as { outboxId?: string }).outboxId === target);
    await pushUntil(desk, token, async () => (await again()) !== undefined, 'the retried item dead again');
    const second = (await again())!;
    expect(second.history[0].note).toBe('staff_retry');
    expect(numbered(second)).toBe(second.attempts);

    const reopened = await open(page, second);
    const firstLine = await reopened.getByTestId('attempt-history').getByRole('listitem').first().innerText();
    expect(firstLine).toContain('تلاش دوباره به دستور کاربر');
    await screenshot(page, 'dead-letter-drawer-after-retry');
    await sim.clearFaults(desk);
  });
});
