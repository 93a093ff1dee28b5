import { join } from 'node:path';
import { describe } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { runRepositoryContract } from './repository-contract.js';
import { tempDir } from './temp-dir.js';

describe('SQLite repositories (temp file)', () => {
  runRepositoryContract(async () => {
    const dir = tempDir();
    const store = openSqliteStore(join(dir.path, 'hiroba.db'));
    return {
      repos: store.repos,
      cleanup: async () => {
        await store.close();
        dir.remove();
      },
    };
  });
});
