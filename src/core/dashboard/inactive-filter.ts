import { z } from 'zod';
import type { Member, MemberState } from '../types.js';

/**
 * The filter of the inactive-members list, as `inactive [部署|拠点] [inactive|never]` gives it and
 * the dashboard's inactive page (and its CSV) applies it: one department or location by its trimmed
 * name, and one state. Travels as query parameters (`department`, `location`, `state`) in the
 * dashboard's addresses, so a link from Teams opens, and downloads, the list the command showed.
 */
export interface InactiveFilter {
  group: { kind: 'department' | 'location'; name: string } | null;
  state: 'inactive' | 'never' | null;
}

export const NO_INACTIVE_FILTER: InactiveFilter = { group: null, state: null };

const name = z.string().trim().min(1).max(200);
const querySchema = z.object({
  department: name.optional().catch(undefined),
  location: name.optional().catch(undefined),
  state: z.enum(['inactive', 'never']).optional().catch(undefined),
});

/** The filter in a request's query; anything malformed is dropped (the list is then wider, never an error). */
export function readInactiveFilter(query: unknown): InactiveFilter {
  const parsed = querySchema.safeParse(query ?? {});
  if (!parsed.success) return NO_INACTIVE_FILTER;
  const { department, location, state } = parsed.data;
  const group =
    department !== undefined
      ? { kind: 'department' as const, name: department }
      : location !== undefined
        ? { kind: 'location' as const, name: location }
        : null;
  return { group, state: state ?? null };
}

/** The filter as query parameters, in a fixed order; none for no filter. */
export function inactiveFilterParams(filter: InactiveFilter): Array<[string, string]> {
  const params: Array<[string, string]> = [];
  if (filter.group) params.push([filter.group.kind, filter.group.name]);
  if (filter.state) params.push(['state', filter.state]);
  return params;
}

/** Whether a quiet member is in the filter (their group by trimmed name, as `resolveGroup` compares). */
export function inInactiveFilter(filter: InactiveFilter, member: Member, state: MemberState): boolean {
  if (filter.state !== null && state !== filter.state) return false;
  return filter.group === null || member[filter.group.kind]?.trim() === filter.group.name;
}
