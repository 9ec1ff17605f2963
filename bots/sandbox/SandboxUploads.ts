import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const ID = /^[a-f0-9]{64}$/;

export class SandboxStorageFull extends Error {}

/**
 * Pictures and files of the sandbox conversation live on disk (DATA_DIR/sandbox-uploads, 0600), named by
 * their sha256; Redis (the job and the chat log) holds only that id. Files older than the log's lifetime are
 * removed, and past `maxTotalBytes` new uploads are refused until old ones expire.
 */
export class SandboxUploads {
  private readonly dir: string;
  private lastPrune = 0;
  private totalBytes = 0;

  constructor(
    dataDir: string,
    private readonly options: { ttlMs: number; maxTotalBytes: number },
  ) {
    this.dir = join(dataDir, 'sandbox-uploads');
  }

  async save(bytes: Buffer): Promise<string> {
    await this.prune();
    if (this.totalBytes + bytes.length > this.options.maxTotalBytes) throw new SandboxStorageFull('sandbox uploads full');
    const id = createHash('sha256').update(bytes).digest('hex');
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    await writeFile(join(this.dir, id), bytes, { mode: 0o600 });
    this.totalBytes += bytes.length;
    return id;
  }

  async read(id: string): Promise<Buffer | null> {
    if (!ID.test(id)) return null;
    try {
      return await readFile(join(this.dir, id));
    } catch {
      return null;
    }
  }

  /** Deletes expired files (at most once a minute) and recounts what is left. */
  private async prune(): Promise<void> {
    const now = Date.now();
    if (now - this.lastPrune < 60_000) return;
    this.lastPrune = now;
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      this.totalBytes = 0;
      return;
    }
    let total = 0;
    for (const name of names) {
      if (!ID.test(name)) continue;
      const path = join(this.dir, name);
      try {
        const info = await stat(path);
        if (now - info.mtimeMs > this.options.ttlMs) await unlink(path);
        else total += info.size;
      } catch {
        // gone meanwhile
      }
    }
    this.totalBytes = total;
  }
}

/** What a sandbox upload is, by its first bytes (for the page's <img>; anything else is a download). */
export function uploadContentType(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return 'image/jpeg';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.subarray(0, 4).toString('latin1') === 'GIF8') return 'image/gif';
  if (bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  return 'application/octet-stream';
}
