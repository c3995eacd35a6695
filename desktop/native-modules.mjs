// @ts-check
/**
 * electron-builder hooks (electron-builder.yml: beforePack, afterPack) for the one native module,
 * better-sqlite3. Its .node binary is built against one runtime's ABI: the repository's node_modules
 * keeps Node's build (tests, `hamgam serve`, Docker, install.sh), and the package gets a build for
 * Electron's ABI. So the rebuild never happens in place (electron-builder's npmRebuild is off):
 * - beforePack copies the module into .tmp/electron-native/<platform>-<arch>/ and rebuilds it there
 *   with @electron/rebuild (a prebuilt binary for Electron when one can be downloaded, else node-gyp);
 * - afterPack puts that binary over the Node one inside the packed app (app.asar.unpacked), then
 *   checks the ABI of what was packed. A failed step stops the build instead of shipping a window
 *   whose engine cannot open its database.
 * This file sits in desktop/ because electron-builder loads hooks only from inside its project folder;
 * Electron and @electron/rebuild come from desktop/'s own install, better-sqlite3 from the root's.
 */
import { copyFileSync, cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const desktopDir = dirname(fileURLToPath(import.meta.url));
/** The repository root: the app electron-builder packs (directories.app) and its node_modules. */
export const projectDir = resolve(desktopDir, '..');
export const nativeModule = 'better-sqlite3';
const binaryPath = ['build', 'Release', 'better_sqlite3.node'];
/** electron-builder's Arch enum, by index. */
const archNames = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

/** @param {string} name */
const readJson = (name) =>
  JSON.parse(readFileSync(join(projectDir, 'node_modules', name, 'package.json'), 'utf8'));

/**
 * Electron's version and its NODE_MODULE_VERSION (the electron package ships it as abi_version).
 * @param {string} dir the installed electron package (desktop/node_modules/electron)
 */
export function electronTarget(dir = join(desktopDir, 'node_modules', 'electron')) {
  return {
    version: /** @type {string} */ (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version),
    abi: readFileSync(join(dir, 'abi_version'), 'utf8').trim(),
  };
}

/**
 * True when the addon registers itself for this ABI: NAN/V8 addons export
 * `node_register_module_v<NODE_MODULE_VERSION>`, and load only in a runtime with that number.
 * @param {string} file @param {string} abi
 */
export function builtForAbi(file, abi) {
  return readFileSync(file).includes(`node_register_module_v${abi}`);
}

/** @param {string} platform @param {string} arch */
export const scratchDir = (platform, arch) =>
  join(projectDir, '.tmp', 'electron-native', `${platform}-${arch}`);

/**
 * Copies better-sqlite3 (without its build output) into the scratch folder and rebuilds it there.
 * @param {{ platform: string, arch: string, electron: { version: string, abi: string },
 *   rebuild: (options: Record<string, unknown>) => Promise<unknown> }} o
 * @returns {Promise<string>} the Electron-ABI binary
 */
export async function rebuildForElectron(o) {
  const dir = scratchDir(o.platform, o.arch);
  rmSync(dir, { recursive: true, force: true });
  const source = join(projectDir, 'node_modules', nativeModule);
  const target = join(dir, 'node_modules', nativeModule);
  cpSync(source, target, {
    recursive: true,
    filter: (p) => !p.startsWith(join(source, 'build') + sep) && p !== join(source, 'build'),
  });
  const version = readJson(nativeModule).version;
  const manifest = {
    name: 'hamgam-electron-native',
    version: '0.0.0',
    private: true,
    dependencies: { [nativeModule]: version },
  };
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  await o.rebuild({
    buildPath: dir,
    projectRootPath: dir,
    electronVersion: o.electron.version,
    platform: o.platform,
    arch: o.arch,
    onlyModules: [nativeModule],
    force: true,
  });
  const binary = join(target, ...binaryPath);
  if (!existsSync(binary) || !builtForAbi(binary, o.electron.abi))
    throw new Error(
      `${nativeModule} was not rebuilt for Electron ${o.electron.version} (ABI ${o.electron.abi})`,
    );
  return binary;
}

/**
 * Where electron-builder put the app's resources (app.asar and app.asar.unpacked).
 * @param {{ appOutDir: string, electronPlatformName: string, packager: { appInfo: { productFilename: string } } }} context
 */
export function resourcesDir(context) {
  if (context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas')
    return join(
      context.appOutDir,
      `${context.packager.appInfo.productFilename}.app`,
      'Contents',
      'Resources',
    );
  return join(context.appOutDir, 'resources');
}

/** @param {{ electronPlatformName: string, arch: number }} context */
const targetOf = (context) => ({
  platform: context.electronPlatformName,
  arch: archNames[context.arch] ?? String(context.arch),
});

/** @param {{ electronPlatformName: string, arch: number }} context */
export async function beforePack(context) {
  const { platform, arch } = targetOf(context);
  // Named through a variable: the root's type check reaches this file through its test, and
  // @electron/rebuild is installed only in desktop/ (Node 22), so the root must not resolve it.
  const rebuildPackage = '@electron/rebuild';
  const { rebuild } = await import(rebuildPackage);
  await rebuildForElectron({
    platform,
    arch,
    electron: electronTarget(),
    rebuild: /** @type {never} */ (rebuild),
  });
}

/**
 * @param {{ appOutDir: string, electronPlatformName: string, arch: number, packager: { appInfo: { productFilename: string } } }} context
 * @param {{ abi: string }} electron the installed Electron (tests pass a stand-in)
 */
export async function afterPack(context, electron = electronTarget()) {
  const { platform, arch } = targetOf(context);
  const built = join(scratchDir(platform, arch), 'node_modules', nativeModule, ...binaryPath);
  const packed = join(
    resourcesDir(context),
    'app.asar.unpacked',
    'node_modules',
    nativeModule,
    ...binaryPath,
  );
  if (!existsSync(packed)) throw new Error(`${packed} is missing: is better-sqlite3 still in asarUnpack?`);
  copyFileSync(built, packed);
  const { abi } = electron;
  if (!builtForAbi(packed, abi)) throw new Error(`${packed} is not built for Electron's ABI ${abi}`);
}
