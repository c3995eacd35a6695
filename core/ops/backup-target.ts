import { createWriteStream } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { BlobStore } from '../blob/blob-store.js';
import { HamgamError } from '../errors.js';
import { isBackupName, manifestFileName, parseManifest, type BackupManifest } from './backup-manifest.js';

/**
 * Where backups are kept: a folder (a second disk, a USB stick, a network share) or the blob store.
 * Each backup is the dump file plus its manifest; the manifest is written last, so a backup cut short
 * has none and is neither listed nor restorable.
 */
export interface BackupTarget {
  readonly description: string;
  /** Complete backups, oldest first. */
  list(): Promise<string[]>;
  save(dumpFile: string, manifest: BackupManifest): Promise<void>;
  readManifest(name: string): Promise<BackupManifest>;
  /** A local path of the dump: the file itself for a folder, a download into `scratch` for the blob store. */
  dumpPath(manifest: BackupManifest, scratch: string): Promise<string>;
  remove(name: string): Promise<void>;
}

const notFound = (name: string, where: string) =>
  new HamgamError('NOT_FOUND', `No backup ${name} in ${where}`, { backup: name });

export class FolderBackupTarget implements BackupTarget {
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  get description(): string {
    return this.root;
  }

  async list(): Promise<string[]> {
    const entries = await readdir(this.root).catch(() => [] as string[]);
    const complete: string[] = [];
    for (const name of entries.filter(isBackupName).sort()) {
      if (await stat(join(this.root, name, manifestFileName)).catch(() => undefined)) complete.push(name);
    }
    return complete;
  }

  /** Into a hidden staging folder first, renamed into place when whole. */
  async save(dumpFile: string, manifest: BackupManifest): Promise<void> {
    const staging = join(this.root, `.partial-${manifest.name}`);
    await mkdir(staging, { recursive: true });
    try {
      await copyFile(dumpFile, join(staging, manifest.dump.file));
      await writeFile(join(staging, manifestFileName), JSON.stringify(manifest, null, 2));
      await rename(staging, join(this.root, manifest.name));
    } catch (e) {
      await rm(staging, { recursive: true, force: true });
      throw e;
    }
  }

  async readManifest(name: string): Promise<BackupManifest> {
    const text = await readFile(join(this.folderOf(name), manifestFileName), 'utf8').catch(() => {
      throw notFound(name, this.root);
    });
    return parseManifest(text, name);
  }

  async dumpPath(manifest: BackupManifest): Promise<string> {
    return join(this.folderOf(manifest.name), manifest.dump.file);
  }

  async remove(name: string): Promise<void> {
    await rm(this.folderOf(name), { recursive: true, force: true });
  }

  private folderOf(name: string): string {
    if (!isBackupName(name)) throw notFound(name, this.root);
    return join(this.root, name);
  }
}

const prefix = 'backups';
const indexKey = `${prefix}/index.json`;

/**
 * Backups as blobs (`backups/<name>/<file>`, `backups/<name>/manifest.json`). The port cannot list
 * keys, so an index of names is kept beside them; a name is in it only once its manifest is stored.
 * Backups are taken under a database lock, so one writer updates the index at a time.
 */
export class BlobBackupTarget implements BackupTarget {
  constructor(private readonly blobs: BlobStore) {}

  get description(): string {
    return `the blob store (${this.blobs.kind}) under ${prefix}/`;
  }

  async list(): Promise<string[]> {
    return (await this.readIndex()).sort();
  }

  async save(dumpFile: string, manifest: BackupManifest): Promise<void> {
    const folder = `${prefix}/${manifest.name}`;
    await this.blobs.put(
      `${folder}/${manifest.dump.file}`,
      await readFile(dumpFile),
      'application/octet-stream',
    );
    await this.blobs.put(
      `${folder}/${manifestFileName}`,
      Buffer.from(JSON.stringify(manifest, null, 2)),
      'application/json',
    );
    const names = new Set(await this.readIndex());
    names.add(manifest.name);
    await this.writeIndex([...names]);
  }

  async readManifest(name: string): Promise<BackupManifest> {
    if (!isBackupName(name)) throw notFound(name, this.description);
    const blob = await this.blobs.get(`${prefix}/${name}/${manifestFileName}`);
    if (!blob) throw notFound(name, this.description);
    return parseManifest((await streamToBuffer(blob.stream)).toString('utf8'), name);
  }

  async dumpPath(manifest: BackupManifest, scratch: string): Promise<string> {
    const blob = await this.blobs.get(`${prefix}/${manifest.name}/${manifest.dump.file}`);
    if (!blob) throw new HamgamError('BACKUP_INVALID', `${manifest.name}: the dump file is missing`);
    const file = join(scratch, basename(manifest.dump.file));
    await mkdir(dirname(file), { recursive: true });
    await pipeline(blob.stream, createWriteStream(file));
    return file;
  }

  async remove(name: string): Promise<void> {
    const manifest = await this.readManifest(name).catch(() => undefined);
    // Out of the index first: a half-removed backup must not be offered for a restore.
    await this.writeIndex((await this.readIndex()).filter((n) => n !== name));
    await this.blobs.delete(`${prefix}/${name}/${manifestFileName}`);
    if (manifest) await this.blobs.delete(`${prefix}/${name}/${manifest.dump.file}`);
  }

  private async readIndex(): Promise<string[]> {
    const blob = await this.blobs.get(indexKey);
    if (!blob) return [];
    const parsed = JSON.parse((await streamToBuffer(blob.stream)).toString('utf8')) as unknown;
    return Array.isArray(parsed)
      ? parsed.filter((n): n is string => typeof n === 'string' && isBackupName(n))
      : [];
  }

  private async writeIndex(names: string[]): Promise<void> {
    await this.blobs.put(indexKey, Buffer.from(JSON.stringify(names.sort())), 'application/json');
  }
}

async function streamToBuffer(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}
