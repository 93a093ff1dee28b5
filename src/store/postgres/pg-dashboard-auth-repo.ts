import type { DashboardAuthRepo, DashboardGrant, LoginTokenUse } from '../../core/ports.js';
import { type GrantRow, type TokenRow, toGrant } from '../rows/dashboard-row.js';
import type { PgDb } from './pg-db.js';

/** Login links and sessions of the dashboard; the keys are SHA-256 hashes, never the secrets. */
export class PgDashboardAuthRepo implements DashboardAuthRepo {
  constructor(private readonly db: PgDb) {}

  async createLoginToken(tokenHash: string, grant: DashboardGrant): Promise<void> {
    await this.db.run(
      'INSERT INTO dashboard_login_tokens (token_hash, workspace_id, member_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)',
      [tokenHash, grant.workspaceId, grant.memberId, grant.createdAt, grant.expiresAt],
    );
  }

  useLoginToken(tokenHash: string, now: string): Promise<LoginTokenUse> {
    return this.db.transaction(async (): Promise<LoginTokenUse> => {
      const row = await this.db.one<TokenRow>('SELECT * FROM dashboard_login_tokens WHERE token_hash = $1', [
        tokenHash,
      ]);
      if (!row) return { status: 'unknown' };
      const grant = toGrant(row);
      if (row.used_at !== null) return { status: 'used', grant };
      // The WHERE makes using a link atomic: of two requests racing with one link (on two instances
      // too: the second waits for the first's row lock, then finds used_at set), one changes the row.
      const marked = await this.db.run(
        'UPDATE dashboard_login_tokens SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1',
        [now, tokenHash],
      );
      if (marked === 0) {
        const again = await this.db.one<TokenRow>('SELECT * FROM dashboard_login_tokens WHERE token_hash = $1', [
          tokenHash,
        ]);
        return { status: again?.used_at != null ? 'used' : 'expired', grant };
      }
      return { status: 'ok', grant };
    });
  }

  async createSession(sessionHash: string, grant: DashboardGrant): Promise<void> {
    await this.db.run(
      'INSERT INTO dashboard_sessions (session_hash, workspace_id, member_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)',
      [sessionHash, grant.workspaceId, grant.memberId, grant.createdAt, grant.expiresAt],
    );
  }

  async session(sessionHash: string, now: string): Promise<DashboardGrant | null> {
    const row = await this.db.one<GrantRow>(
      'SELECT * FROM dashboard_sessions WHERE session_hash = $1 AND expires_at > $2',
      [sessionHash, now],
    );
    return row ? toGrant(row) : null;
  }

  async deleteSession(sessionHash: string): Promise<void> {
    await this.db.run('DELETE FROM dashboard_sessions WHERE session_hash = $1', [sessionHash]);
  }

  deleteExpired(before: string): Promise<number> {
    return this.db.transaction(
      async () =>
        (await this.db.run('DELETE FROM dashboard_login_tokens WHERE expires_at < $1', [before])) +
        (await this.db.run('DELETE FROM dashboard_sessions WHERE expires_at < $1', [before])),
    );
  }
}
