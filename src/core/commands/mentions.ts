import { z } from 'zod';
import type { ChannelRef, MemberRef } from './command.js';

const emailSchema = z.email();

/** Slack user mention: `<@U123>` or `<@U123|name>` (W… ids on Enterprise Grid). */
const SLACK_USER = /^<@([A-Z0-9][A-Z0-9_-]*)(?:\|[^>]*)?>$/iu;
/**
 * Channel mention: Slack's `<#C123>`, `<#C123|name>`, `<#C123|>`, and the same form the Teams adapter
 * writes for a mentioned channel (`<#19:…@thread.tacv2|General>`), so the name comes along.
 */
const SLACK_CHANNEL = /^<#([A-Z0-9][A-Z0-9_-]*|19:[^\s|>@]+@thread\.[a-z0-9]+)(?:\|([^>]*))?>$/iu;
/** Slack links an email it sees in command text: `<mailto:a@b.jp|a@b.jp>`. */
const SLACK_MAILTO = /^<mailto:([^|>]+)(?:\|[^>]*)?>$/iu;
/** Teams at-mention entity text; the adapter gives the resolved id separately. */
const TEAMS_AT = /^<at>([\s\S]*)<\/at>$/iu;
/** A Teams channel id typed or pasted as is (`19:…@thread.tacv2`). */
const TEAMS_CHANNEL = /^19:[^\s@]+@thread\.[a-z0-9]+$/iu;

export type MemberParse = { ok: true; member: MemberRef } | { ok: false; mention: boolean };

/**
 * Reads one token as a member: a platform mention, a Teams at-mention, `@name`, or an email.
 * `mention: true` on failure means it looked like a member (so it is an invalid one, not a
 * department name). Called by the grammar for every member argument.
 */
export function parseMember(token: string): MemberParse {
  const slack = SLACK_USER.exec(token);
  if (slack?.[1] !== undefined) return { ok: true, member: { kind: 'platformId', id: slack[1] } };
  const mailto = SLACK_MAILTO.exec(token);
  if (mailto?.[1] !== undefined) return parseEmail(mailto[1]);
  const at = TEAMS_AT.exec(token);
  if (at?.[1] !== undefined) {
    const name = at[1].trim();
    return name === '' ? { ok: false, mention: true } : { ok: true, member: { kind: 'name', name } };
  }
  if (token.startsWith('@') || token.startsWith('＠')) {
    const name = token.slice(1).trim();
    return name === '' ? { ok: false, mention: true } : { ok: true, member: { kind: 'name', name } };
  }
  if (token.includes('@') || token.includes('＠')) return parseEmail(token);
  return { ok: false, mention: token.startsWith('<') };
}

function parseEmail(text: string): MemberParse {
  const email = text.normalize('NFKC').trim().toLowerCase();
  const parsed = emailSchema.safeParse(email);
  return parsed.success ? { ok: true, member: { kind: 'email', email: parsed.data } } : { ok: false, mention: true };
}

/** Reads one token as a channel mention (Slack) or a pasted Teams channel id; null if it is neither. */
export function parseChannel(token: string): ChannelRef | null {
  const slack = SLACK_CHANNEL.exec(token);
  if (slack?.[1] !== undefined) {
    const name = slack[2] === undefined || slack[2] === '' ? null : slack[2];
    return { id: slack[1], name, implicit: false };
  }
  if (TEAMS_CHANNEL.test(token)) return { id: token, name: null, implicit: false };
  return null;
}
