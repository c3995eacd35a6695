import { build, type BuildOptions, type Plugin } from 'esbuild';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/**
 * The desktop app's bundles, built with esbuild (already in the tree for tsx and Vite); desktop/'s
 * `npm run build` runs this file. Why bundle rather than run tsc output:
 * - a sandboxed preload can require only `electron` and a few built-ins, so it must be one file;
 * - the engine then starts without tsx's loader hooks inside an asar archive, and fast;
 * - main pulls electron-log and electron-updater in, so they stay in desktop/'s own install and the
 *   packed app carries only the server's runtime dependencies.
 * Type checking is not esbuild's job: the root's `npm run typecheck` covers electron/, desktop/'s
 * covers its two entry files against Electron's types.
 */

export const electronDir = import.meta.dirname;
/** The desktop package: the two entry files that import Electron, and its own node_modules. */
export const desktopDir = join(electronDir, '..', 'desktop');

export type BundleName = 'main' | 'preload' | 'engine' | 'cli';
export const bundleNames: readonly BundleName[] = ['main', 'preload', 'engine', 'cli'];

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

function bundleOptions(outdir: string): Record<BundleName, BuildOptions> {
  const common = { bundle: true, platform: 'node', target: 'node22', logLevel: 'warning' } as const;
  // Main and preload are minified (the preload is parsed on every page load); the engine stays readable
  // for stack traces in engine.log.
  const small: BuildOptions = { minify: true, legalComments: 'none', format: 'cjs', external: ['electron'] };
  // Dependencies load from node_modules as usual: native better-sqlite3 (rebuilt for Electron in the
  // package), lazy drivers (pg, amqplib, minio) and pino keep their own file layout.
  const server: BuildOptions = { format: 'esm', packages: 'external', plugins: [sourceUrlPlugin(outdir)] };
  return {
    main: {
      ...common,
      ...small,
      entryPoints: [join(desktopDir, 'src', 'main.ts')],
      outfile: join(outdir, 'main.cjs'),
    },
    preload: {
      ...common,
      ...small,
      entryPoints: [join(desktopDir, 'src', 'preload.ts')],
      outfile: join(outdir, 'preload.cjs'),
    },
    engine: {
      ...common,
      ...server,
      entryPoints: [join(electronDir, 'engine-entry.ts')],
      outfile: join(outdir, 'engine.mjs'),
    },
    // The headless CLI for the Windows service the installer can add (installers/windows/install.ps1
    // -AppExe): the packaged Hamgam.exe runs it as Node (ELECTRON_RUN_AS_NODE), so the service uses
    // the same Electron-ABI better-sqlite3 as the window and needs no separate Node install.
    cli: {
      ...common,
      ...server,
      entryPoints: [join(electronDir, '..', 'core', 'cli.ts')],
      outfile: join(outdir, 'hamgam.mjs'),
    },
  };
}

/**
 * Builds the bundles into outdir. main bundles electron-log and electron-updater from desktop/'s own
 * install; the other three need only the root's.
 */
export async function buildElectron(
  outdir = join(electronDir, 'dist'),
  only: readonly BundleName[] = bundleNames,
): Promise<void> {
  if (only.includes('main') && !existsSync(join(desktopDir, 'node_modules', 'electron-updater')))
    throw new Error('the main bundle needs the desktop packages: npm ci --prefix desktop (Node 22.12+)');
  const options = bundleOptions(outdir);
  await Promise.all(only.map((name) => build(options[name])));
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  await buildElectron(process.argv[2]);
  console.log('electron/dist: main.cjs, preload.cjs, engine.mjs, hamgam.mjs');
}
