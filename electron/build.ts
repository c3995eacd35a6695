import { build, type Plugin } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/**
 * `npm run build:electron`: bundles the three Electron entry points with esbuild (already in the tree
 * for tsx and Vite). Why bundle rather than run tsc output:
 * - a sandboxed preload can require only `electron` and a few built-ins, so it must be one file;
 * - the engine then starts without tsx's loader hooks inside an asar archive, and fast;
 * - main pulls electron-log and electron-updater in, so they stay dev dependencies and the headless
 *   server's `npm ci --omit=dev` stays free of desktop packages.
 * Type checking is not esbuild's job: `npm run typecheck` covers electron/ with the rest.
 */

export const electronDir = import.meta.dirname;

/**
 * In a bundle every module's import.meta.url is the bundle's. Core resolves files next to its
 * sources (core/api/routes/desk-routes.ts finds ../../../renderer/dist that way), so each
 * occurrence is rewritten to the URL of the original source file relative to the bundle; the package
 * ships core/ and renderer/dist in the same layout, so those paths still land on the same files.
 */
export function sourceUrlPlugin(outdir: string): Plugin {
  return {
    name: 'hamgam-source-import-meta-url',
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        if (/import\.meta\.(dirname|filename)/.test(source))
          throw new Error(`${args.path}: use new URL(..., import.meta.url) (bundles rewrite only that)`);
        if (!source.includes('import.meta.url')) return undefined;
        const fromBundle = relative(outdir, args.path).split(sep).join('/');
        const url = `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`;
        return { contents: source.replaceAll('import.meta.url', url), loader: 'ts' };
      });
    },
  };
}

export async function buildElectron(outdir = join(electronDir, 'dist')): Promise<void> {
  const common = { bundle: true, platform: 'node', target: 'node22', logLevel: 'warning' } as const;
  // Main and preload are minified (the preload is parsed on every page load); the engine stays readable
  // for stack traces in engine.log.
  const small = { minify: true, legalComments: 'none' } as const;
  await Promise.all([
    build({
      ...common,
      entryPoints: [join(electronDir, 'main.ts')],
      ...small,
      outfile: join(outdir, 'main.cjs'),
      format: 'cjs',
      external: ['electron'],
    }),
    build({
      ...common,
      entryPoints: [join(electronDir, 'preload.ts')],
      ...small,
      outfile: join(outdir, 'preload.cjs'),
      format: 'cjs',
      external: ['electron'],
    }),
    build({
      ...common,
      entryPoints: [join(electronDir, 'engine-entry.ts')],
      outfile: join(outdir, 'engine.mjs'),
      format: 'esm',
      // Dependencies load from node_modules as usual: native better-sqlite3 (rebuilt for Electron in
      // the package), lazy drivers (pg, amqplib, minio) and pino keep their own file layout.
      packages: 'external',
      plugins: [sourceUrlPlugin(outdir)],
    }),
    build({
      ...common,
      // The headless CLI for the Windows service the installer can add (installers/windows/install.ps1
      // -AppExe): the packaged Hamgam.exe runs it as Node (ELECTRON_RUN_AS_NODE), so the service uses
      // the same Electron-ABI better-sqlite3 as the window and needs no separate Node install.
      entryPoints: [join(electronDir, '..', 'core', 'cli.ts')],
      outfile: join(outdir, 'hamgam.mjs'),
      format: 'esm',
      packages: 'external',
      plugins: [sourceUrlPlugin(outdir)],
    }),
  ]);
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  await buildElectron(process.argv[2]);
  console.log('electron/dist: main.cjs, preload.cjs, engine.mjs, hamgam.mjs');
}
