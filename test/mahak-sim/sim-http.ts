import { md5Hex, type MahakSim } from '../../core/mahak-sim/index.js';

/** A deliberately plain HTTP client for the simulator tests: real requests over a real socket. */
export interface Reply {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  text: string;
  headers: Headers;
}

export type AuthForm = 'bearer' | 'colon' | 'bare' | 'none';

export interface CallOptions {
  token?: string;
  auth?: AuthForm;
  contentType?: string;
  /** Path prefix, default `/API/v3/Sync`. */
  prefix?: string;
  signal?: AbortSignal;
}

const authHeader = (token: string, form: AuthForm): Record<string, string> =>
  form === 'none'
    ? {}
    : {
        authorization: form === 'bearer' ? `Bearer ${token}` : form === 'colon' ? `bearer : ${token}` : token,
      };

export async function call(
  sim: MahakSim,
  operation: string,
  body: unknown,
  o: CallOptions = {},
): Promise<Reply> {
  const res = await fetch(`${sim.origin}${o.prefix ?? '/API/v3/Sync'}/${operation}`, {
    method: 'POST',
    headers: {
      'content-type': o.contentType ?? 'application/json',
      ...(o.token ? authHeader(o.token, o.auth ?? 'bearer') : {}),
    },
    body: JSON.stringify(body),
    signal: o.signal,
  });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: res.status, body: parsed, text, headers: res.headers };
}

export async function login(sim: MahakSim, user = 'demo', password = 'demo'): Promise<string> {
  const r = await call(sim, 'Login', { userName: user, password: md5Hex(password), databaseId: 1 });
  if (r.body?.Result !== true) throw new Error(`login failed: ${r.text}`);
  return r.body.Data.UserToken as string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Row = Record<string, any>;

/** One GetAllData call; returns Data.Objects. */
export async function pull(
  sim: MahakSim,
  token: string,
  request: Record<string, unknown>,
): Promise<Record<string, Row[]>> {
  const r = await call(sim, 'GetAllData', request, { token });
  if (r.status !== 200 || r.body?.Result !== true)
    throw new Error(`GetAllData failed: ${r.status} ${r.text.slice(0, 300)}`);
  return r.body.Data.Objects;
}

/** Page one entity to the end the way S2 does: cursor = max RowVersion received, until a page is empty. */
export async function pullAll(
  sim: MahakSim,
  token: string,
  collection: string,
  cursorField: string,
  pageSize: number,
  from = 0,
): Promise<Row[]> {
  const rows: Row[] = [];
  let cursor = from;
  for (;;) {
    const page = (await pull(sim, token, { [cursorField]: cursor, pageSize }))[collection];
    if (page.length === 0) return rows;
    rows.push(...page);
    cursor = Math.max(...page.map((r) => r.RowVersion as number));
  }
}

export async function save(sim: MahakSim, token: string, body: unknown): Promise<Reply> {
  return call(sim, 'SaveAllData', body, { token });
}

export async function control(sim: MahakSim, method: string, path: string, body?: unknown): Promise<Reply> {
  const res = await fetch(`${sim.origin}/__sim${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, text, headers: res.headers };
}
