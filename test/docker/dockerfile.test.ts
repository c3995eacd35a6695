import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCompose, parseDockerfile, readRepoFile, repoRoot } from './docker-files.js';

const instructions = parseDockerfile(readRepoFile('docker', 'Dockerfile'));
const lastStage = Math.max(...instructions.map((i) => i.stage));
const inFinal = (op: string) => instructions.filter((i) => i.stage === lastStage && i.op === op);
const jsonArgs = (args: string): string[] => JSON.parse(args) as string[];

describe('docker/Dockerfile', () => {
  it('is multi-stage and every stage is node:20-bookworm-slim', () => {
    const froms = instructions.filter((i) => i.op === 'FROM');
    expect(froms.length).toBeGreaterThanOrEqual(2);
    for (const from of froms) expect(from.args).toMatch(/^node:20-bookworm-slim( AS \w+)?$/i);
  });

  it('installs with npm ci and keeps compilers out of the final image', () => {
    const runs = instructions.filter((i) => i.op === 'RUN');
    expect(runs.some((r) => r.stage < lastStage && /\bnpm ci\b/.test(r.args))).toBe(true);
    expect(runs.some((r) => r.stage < lastStage && /apt-get install .*\bg\+\+/.test(r.args))).toBe(true);
    for (const r of inFinal('RUN'))
      expect(r.args).not.toMatch(/\b(g\+\+|gcc|make|python3|build-essential|npm (ci|install))\b/);
    expect(inFinal('COPY').some((c) => /^--from=build\b/.test(c.args))).toBe(true);
  });

  it('runs as a non-root user', () => {
    const users = inFinal('USER');
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)!.args).not.toMatch(/^(root|0)(:|$)/);
    // The user is created in the final stage before it is used.
    expect(
      inFinal('RUN').some((r) => new RegExp(`useradd\\b.*\\b${users.at(-1)!.args}\\b`).test(r.args)),
    ).toBe(true);
  });

  it('has a HEALTHCHECK on /health of the configured port', () => {
    const health = inFinal('HEALTHCHECK');
    expect(health).toHaveLength(1);
    expect(health[0].args).toMatch(/--interval=\d+s/);
    expect(health[0].args).toMatch(/CMD .*\/health/);
    expect(health[0].args).toContain('process.env.HAMGAM_PORT');
  });

  it('starts `node bin/hamgam.mjs serve` and exposes the port compose publishes', () => {
    const [entrypoint] = inFinal('ENTRYPOINT');
    const [cmd] = inFinal('CMD');
    expect([...jsonArgs(entrypoint.args), ...jsonArgs(cmd.args)]).toEqual([
      'node',
      'bin/hamgam.mjs',
      'serve',
    ]);
    expect(existsSync(join(repoRoot, 'bin', 'hamgam.mjs'))).toBe(true);
    expect(inFinal('EXPOSE').map((e) => e.args)).toEqual(['8080']);
    expect(loadCompose().services.hamgam.ports).toContain('8080:8080');
    expect(
      inFinal('ENV')
        .map((e) => e.args)
        .join(' '),
    ).toMatch(/HAMGAM_HOST=0\.0\.0\.0/);
  });

  it('copies only files that exist, and tsx (needed at run time) survives `npm prune --omit=dev`', () => {
    for (const copy of instructions.filter((i) => i.op === 'COPY' && !i.args.startsWith('--from'))) {
      const sources = copy.args
        .split(/\s+/)
        .filter((a) => !a.startsWith('--'))
        .slice(0, -1);
      for (const source of sources) expect(existsSync(join(repoRoot, source)), source).toBe(true);
    }
    const pkg = JSON.parse(readRepoFile('package.json')) as { dependencies: Record<string, string> };
    expect(Object.keys(pkg.dependencies)).toContain('tsx');
  });
});

/** Bare package names imported by the shipped code (core/ without tests, bin/). */
function runtimeImports(): Map<string, string> {
  const found = new Map<string, string>();
  const files = [
    ...readdirSync(join(repoRoot, 'core'), { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.(ts|mts|js|mjs)$/.test(f) && !/\.test\.|(^|\/)test-/.test(f))
      .map((f) => join('core', f)),
    join('bin', 'hamgam.mjs'),
  ];
  for (const file of files) {
    const text = readRepoFile(file);
    for (const [, spec] of text.matchAll(
      /(?:\bfrom\s+|\bimport\s*\(\s*|^import\s+)['"]([^'"./][^'"]*)['"]/gm,
    )) {
      if (spec.startsWith('node:')) continue;
      const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
      found.set(name, file);
    }
  }
  return found;
}

describe('what the image ships', () => {
  it('imports no devDependency from shipped code (the image drops them with npm prune --omit=dev)', () => {
    const pkg = JSON.parse(readRepoFile('package.json')) as { devDependencies: Record<string, string> };
    const imports = runtimeImports();
    expect(imports.has('tsx')).toBe(true); // bin/hamgam.mjs: proves the scan sees real imports
    for (const [name, file] of imports) {
      if (name.startsWith('@types/')) continue;
      expect(Object.keys(pkg.devDependencies), `${name} imported by ${file}`).not.toContain(name);
    }
  });
});

describe('.dockerignore', () => {
  const ignored = readRepoFile('.dockerignore')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));

  it('keeps local state, secrets and installed modules out of the build context', () => {
    for (const entry of ['**/node_modules', 'data', '.git', '.tmp', 'docker/.env'])
      expect(ignored).toContain(entry);
  });

  it('does not hide what the image needs', () => {
    for (const needed of ['package.json', 'package-lock.json', 'bin', 'core']) {
      expect(
        ignored.some((e) => e === needed || e === `${needed}/` || e === `/${needed}`),
        needed,
      ).toBe(false);
    }
  });
});
