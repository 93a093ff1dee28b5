import type { Statement } from 'better-sqlite3';
import type { DashboardAuthRepo, DashboardGrant, LoginTokenUse } from '../core/ports.js';
import type { Database } from './database.js';
import { type GrantRow, type TokenRow, toGrant } from './rows/dashboard-row.js';
import type { Synchronous } from './sqlite-gate.js';

/** Login links and sessions of the dashboard; the keys are SHA-256 hashes, never the secrets. */
export class SqliteDashboardAuthRepo implements Synchronous<DashboardAuthRepo> {
  private readonly insertToken: Statement<[string, number, number, string, string]>;
  private readonly token: Statement<[string], TokenRow>;
  private readonly markUsed: Statement<[string, string, string]>;
  private readonly insertSession: Statement<[string, number, number, string, string]>;
  private readonly sessionRow: Statement<[string, string], GrantRow>;
  private readonly removeSession: Statement<[string]>;
  private readonly expiredTokens: Statement<[string]>;
  private readonly expiredSessions: Statement<[string]>;

  constructor(private readonly db: Database) {
    this.insertToken = db.prepare(
      'INSERT INTO dashboard_login_tokens (token_hash, workspace_id, member_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.token = db.prepare('SELECT * FROM dashboard_login_tokens WHERE token_hash = ?');
    // The WHERE makes using a link atomic: of two requests racing with one link, only one changes the row.
    this.markUsed = db.prepare(
      'UPDATE dashboard_login_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?',
    );
    this.insertSession = db.prepare(
      'INSERT INTO dashboard_sessions (session_hash, workspace_id, member_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.sessionRow = db.prepare('SELECT * FROM dashboard_sessions WHERE session_hash = ? AND expires_at > ?');
    this.removeSession = db.prepare('DELETE FROM dashboard_sessions WHERE session_hash = ?');
    this.expiredTokens = db.prepare('DELETE FROM dashboard_login_tokens WHERE expires_at < ?');
    this.expiredSessions = db.prepare('DELETE FROM dashboard_sessions WHERE expires_at < ?');
  }

  createLoginToken(tokenHash: string, grant: DashboardGrant): void {
    this.insertToken.run(tokenHash, grant.workspaceId, grant.memberId, grant.createdAt, grant.expiresAt);
  }

  useLoginToken(tokenHash: string, now: string): LoginTokenUse {
    return this.db.transaction((): LoginTokenUse => {
      const row = this.token.get(tokenHash);
      if (!row) return { status: 'unknown' };
      const grant = toGrant(row);
      if (row.used_at !== null) return { status: 'used', grant };
      if (this.markUsed.run(now, tokenHash, now).changes === 0) return { status: 'expired', grant };
      return { status: 'ok', grant };
    })();
  }

  createSession(sessionHash: string, grant: DashboardGrant): void {
    this.insertSession.run(sessionHash, grant.workspaceId, grant.memberId, grant.createdAt, grant.expiresAt);
  }

  session(sessionHash: string, now: string): DashboardGrant | null {
    const row = this.sessionRow.get(sessionHash, now);
    return row ? toGrant(row) : null;
  }

  deleteSession(sessionHash: string): void {
    this.removeSession.run(sessionHash);
  }

  deleteExpired(before: string): number {
    return this.db.transaction(
      () => this.expiredTokens.run(before).changes + this.expiredSessions.run(before).changes,
    )();
  }
}
