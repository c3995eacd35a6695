import { mkdirSync, writeFileSync } from 'node:fs';

/** Samples this process's resident memory while `fn` runs; returns the peak in MiB. */
export async function withPeakRss<T>(fn: () => Promise<T>): Promise<{ result: T; peakRssMiB: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  try {
    const result = await fn();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, peakRssMiB: Math.round(peak / 1024 / 1024) };
  } finally {
    clearInterval(timer);
  }
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ result: T; seconds: number }> {
  const start = process.hrtime.bigint();
  const result = await fn();
  return { result, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
}

export function report(name: string, rows: Record<string, string | number>[]): void {
  console.log(`\n## ${name}`);
  console.table(rows);
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(
    new URL(`./results/${name}.json`, import.meta.url),
    JSON.stringify({ at: new Date().toISOString(), rows }, null, 2),
  );
}

export const intArg = (name: string, fallback: number): number => {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  const n = arg ? Number(arg.split('=')[1]) : NaN;
  return Number.isInteger(n) && n > 0 ? n : fallback;
};
