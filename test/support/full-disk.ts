import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../../src/store/database.js';
import { tempDir } from '../store/temp-dir.js';

/**
 * A place for a database whose disk can be filled and emptied again. Where this process may mount
 * (root on Linux) it is a 2 MB tmpfs filled with a filler file: SQLite then fails with SQLITE_FULL
 * exactly as on a real full disk, including when the WAL grows at commit. Elsewhere the database's
 * `max_page_count` is capped at its current size, which gives SQLite the same SQLITE_FULL.
 */
export interface FullDisk {
  dir: string;
  kind: 'tmpfs' | 'max_page_count';
  fill(db: Database): void;
  free(db: Database): void;
  remove(): void;
}

export function fullDisk(): FullDisk {
  const base = tempDir('hiroba-full-');
  const dir = join(base.path, 'disk');
  mkdirSync(dir);
  let mounted = false;
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', dir], { stdio: 'ignore' });
    mounted = true;
  } catch {
    mounted = false;
  }
  const filler = join(dir, 'filler');
  return {
    dir,
    kind: mounted ? 'tmpfs' : 'max_page_count',
    fill(db) {
      if (mounted) {
        // Fill every free byte: writes of 64 KiB, then of 512 B, until the disk refuses.
        for (const size of [65_536, 512]) {
          try {
            for (;;) writeFileSync(filler, Buffer.alloc(size), { flag: 'a' });
          } catch {
            // full at this granularity
          }
        }
      } else {
        const pages = Number(db.pragma('page_count', { simple: true }));
        db.pragma(`max_page_count = ${pages}`);
      }
    },
    free(db) {
      if (mounted) rmSync(filler, { force: true });
      else db.pragma('max_page_count = 1073741823');
    },
    remove() {
      if (mounted) execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
      base.remove();
    },
  };
}
