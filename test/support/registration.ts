import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { ConsoleSmsSender } from '../../core/accounts/console-sms-sender.js';
import type { SmsSender } from '../../core/accounts/sms-sender.js';
import { mobileSchema } from '../../core/contracts/orders.js';

/** Any harness's answer: status and parsed body. */
export interface Reply<T = unknown> {
  status: number;
  body: T;
}

export type Post = (url: string, body: unknown) => Promise<Reply>;

/** Reads the code the SMS driver sent to a normalised mobile (09xxxxxxxxx). */
export type CodeReader = (mobile: string) => string | Promise<string>;

export interface NewCustomer {
  mobile: string;
  password: string;
  firstName: string;
  lastName: string;
}

/**
 * Registers a storefront customer through both steps (issue 11, item 7): POST /auth/register answers
 * 202 and sends a code by SMS, POST /auth/register/verify with the code creates the account. Answers
 * the first step's reply when it is not 202, else the verify reply (201 with tokens and customer).
 */
export async function registerByCode(post: Post, readCode: CodeReader, who: NewCustomer): Promise<Reply> {
  const started = await post('/api/v1/auth/register', who);
  if (started.status !== 202) return started;
  const code = await readCode(mobileSchema.parse(who.mobile));
  return post('/api/v1/auth/register/verify', { mobile: who.mobile, code });
}

/** The 6-digit code in an SMS text; throws when there is none (a notice, not a code). */
export function codeIn(text: string | undefined): string {
  const code = /(\d{6})/.exec(text ?? '')?.[1];
  if (!code) throw new Error(`no code in the SMS: ${text ?? '(no SMS)'}`);
  return code;
}

/** Codes from an in-process app's console SMS driver (the default driver in demo and tests). */
export const codeFromConsole =
  (sms: SmsSender): CodeReader =>
  (mobile) =>
    codeIn((sms as ConsoleSmsSender).lastTo(mobile)?.text);

/**
 * Codes from a `hamgam` child process's log: the console SMS driver writes each message there. The
 * line may trail the HTTP answer by a moment, so this polls for it.
 */
export const codeFromLog =
  (output: () => string): CodeReader =>
  async (mobile) => {
    const line = new RegExp(`"mobile":"${mobile}","text":"([^"]*)"`, 'g');
    for (let waited = 0; waited < 5_000; waited += 50) {
      const texts = [...output().matchAll(line)].map((m) => m[1]);
      if (texts.length > 0) return codeIn(texts.at(-1));
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no SMS to ${mobile} in the log`);
  };

type Inject = (opts: InjectOptions) => Promise<LightMyRequestResponse>;

/** A Post over fastify's inject (in-process servers). */
export const postByInject =
  (inject: Inject): Post =>
  async (url, body) => {
    const res = await inject({ method: 'POST', url, payload: body as object });
    return { status: res.statusCode, body: res.body ? res.json() : undefined };
  };
