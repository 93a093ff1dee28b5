import type { Member, WorkspaceSettings } from '../types.js';

/**
 * Whom the current rollout phase covers, among members who count: the pilot group; then it and the
 * named departments; then everyone.
 */
export function phaseMembers(eligible: readonly Member[], settings: WorkspaceSettings): Member[] {
  const { rolloutPhase, rolloutDepartments } = settings;
  if (rolloutPhase === 'company') return [...eligible];
  const departments = new Set(rolloutDepartments.map((d) => d.trim().toLowerCase()));
  return eligible.filter(
    (m) => m.isPilot || (rolloutPhase === 'expansion' && departments.has((m.department ?? '').trim().toLowerCase())),
  );
}
