import type { Logger } from '../logging/logger.js';
import type { SmsSender } from './sms-sender.js';

export interface SentSms {
  mobile: string;
  text: string;
  at: number;
}

/** Kept in memory so a developer (or a test) can read the last codes without a phone. */
const keepLast = 100;

/**
 * The development SMS driver: writes each message, code included, to the log at warn. That is its
 * whole purpose — a demo or a developer signs in by reading the log — so it must never be the driver
 * of a shop that takes real customers (the composition root warns when it is used outside demo mode).
 */
export class ConsoleSmsSender implements SmsSender {
  private readonly messages: SentSms[] = [];

  constructor(
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  async send(mobile: string, text: string): Promise<void> {
    this.messages.push({ mobile, text, at: this.now() });
    if (this.messages.length > keepLast) this.messages.shift();
    // At warn: the message did not reach the phone, and a demo or test run at warn still shows codes.
    this.logger.warn({ driver: 'console', mobile, text }, 'sms (development driver, not sent)');
  }

  /** Messages sent so far, oldest first (at most the last 100). */
  get sent(): readonly SentSms[] {
    return this.messages;
  }

  /** The last message to a mobile, if any. */
  lastTo(mobile: string): SentSms | undefined {
    return this.messages.findLast((m) => m.mobile === mobile);
  }
}
