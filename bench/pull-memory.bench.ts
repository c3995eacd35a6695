import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { intArg, report } from './bench-support.js';

const child = fileURLToPath(new URL('./pull-memory-child.ts', import.meta.url));

interface Sample {
  products: number;
  records: number;
  seconds: number;
  peakRssMiB: number;
}

function measure(products: number): Sample {
  const out = execFileSync(process.execPath, ['--import', 'tsx', child, `--products=${products}`], {
    encoding: 'utf8',
  });
  return JSON.parse(out.trim().split('\n').at(-1)!) as Sample;
}

/**
 * Peak memory of the engine must stay flat as the catalogue grows (pages are streamed, never the
 * catalogue held): the same pull at a small and a 10x larger catalogue, each in a fresh process.
 */
export async function benchPullMemory(
  small = intArg('small', 20_000),
  large = intArg('large', 200_000),
): Promise<void> {
  const a = measure(small);
  const b = measure(large);
  report(`pull-memory-${small}-vs-${large}`, [
    {
      case: `${small} products`,
      records: a.records,
      seconds: Math.round(a.seconds),
      'peak RSS MiB': a.peakRssMiB,
    },
    {
      case: `${large} products`,
      records: b.records,
      seconds: Math.round(b.seconds),
      'peak RSS MiB': b.peakRssMiB,
    },
    {
      case: 'ratio large / small (flat = about 1)',
      records: '-',
      seconds: '-',
      'peak RSS MiB': Math.round((b.peakRssMiB / a.peakRssMiB) * 100) / 100,
    },
  ]);
}

if (import.meta.url === `file://${process.argv[1]}`) await benchPullMemory();
