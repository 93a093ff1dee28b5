import type { Member } from '../../src/core/types.js';

/** A plain member of workspace 1 with platform id `U<id>`, joined on 2026-01-01; `over` changes any field. */
export function memberFixture(id: number, over: Partial<Member> = {}): Member {
  return {
    id,
    workspaceId: 1,
    platformId: `U${id}`,
    name: `Member ${id}`,
    email: null,
    department: null,
    location: null,
    managerId: null,
    isExecutive: false,
    isBot: false,
    role: 'member',
    optedOut: false,
    locale: null,
    localeChosen: false,
    isPilot: false,
    blockedBot: false,
    reachable: null,
    joinedAt: '2026-01-01T00:00:00.000Z',
    includedAt: '2026-01-01T00:00:00.000Z',
    deactivatedAt: null,
    ...over,
  };
}
