/**
 * The SMS port: one-time login codes (and later order notices) leave through it. Drivers: the console
 * driver for development and demo (console-sms-sender.ts); a provider's HTTP API (Kavenegar, SMS.ir...)
 * plugs in here, chosen in the composition root. `mobile` is normalised 09xxxxxxxxx; `text` is Persian.
 * A driver throws a HamgamError when the provider refuses or cannot be reached.
 */
export interface SmsSender {
  send(mobile: string, text: string): Promise<void>;
}
