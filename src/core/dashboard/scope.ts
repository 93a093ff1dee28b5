import { effectiveRole, hasRole, type ReportLookup } from '../service/roles.js';
import type { Member, Role, Workspace } from '../types.js';

/**
 * What a dashboard visitor may see, decided from their role at every request (a revoked role ends
 * access at once): ops and admins the whole workspace; a manager only their direct and indirect
 * reports, under the manager report's privacy rules (no figure for fewer than five people, names
 * only when the workspace turned them on); anyone else nothing.
 */
export type DashboardScope =
  | { kind: 'workspace'; role: Role }
  | { kind: 'team'; role: 'manager'; managerId: number; names: boolean };

export async function dashboardScope(
  member: Member,
  reports: ReportLookup,
  workspace: Workspace,
): Promise<DashboardScope | null> {
  if (member.deactivatedAt !== null || member.isBot) return null;
  const role = await effectiveRole(member, reports);
  if (hasRole(role, 'ops')) return { kind: 'workspace', role };
  if (role === 'manager') return { kind: 'team', role, managerId: member.id, names: workspace.settings.managerNames };
  return null;
}
