import type { OpenStoreOptions } from '../open-store.js';
import type { Store } from '../store.js';

/** Opens a PostgreSQL store (being written). */
export async function openPostgresStore(url: string, options: OpenStoreOptions): Promise<Store> {
  void url;
  void options;
  throw new Error('PostgreSQL store not built yet');
}
