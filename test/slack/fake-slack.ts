import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { blocksProblems, viewProblems } from './block-kit-limits.js';
import { definitionValidator, methodSpec } from './slack-spec.js';

/**
 * A fake Slack Web API on 127.0.0.1 for end-to-end tests. It answers `POST /api/<method>` the way the
 * WebClient calls Slack (a form, `Authorization: Bearer`), checks each call's required parameters and
 * Hiroba's blocks and views against Slack's limits, and checks its own answers against Slack's
 * published schemas, so a test that passes here talks to Slack in shapes Slack accepts. Everything is
 * recorded; `violations` lists whatever broke a rule (tests assert it stays empty).
 * It also takes `respond()` posts at `/respond/<id>`, the response URLs it hands out.
 */

export interface FakeUserInput {
  id: string;
  name: string;
  email?: string | null;
  isBot?: boolean;
  deleted?: boolean;
  isAdmin?: boolean;
  isOwner?: boolean;
  locale?: string;
  /** Custom profile fields (`users.profile.get`): field id → { value, label }. */
  fields?: Record<string, { value: string; label: string }>;
  /** The user's own team when it is not the fake's (a Slack Connect partner, a sibling Grid workspace). */
  teamId?: string;
  /** Enterprise Grid: the org (`E…`) the user belongs to (`enterprise_user`). */
  enterpriseId?: string;
  /** Left out of `users.list` (a Slack Connect partner, or someone the directory sync has not reached). */
  unlisted?: boolean;
}

export interface RecordedCall {
  method: string;
  params: Record<string, string>;
  /** `blocks` and `view` parsed from their JSON strings. */
  blocks?: unknown;
  view?: unknown;
  /** When the request arrived (`performance.now()`, ms): how far apart a retry came. */
  at: number;
}

export interface RecordedRespond {
  id: string;
  body: Record<string, unknown>;
  /** When it arrived (`Date.now()`). */
  at: number;
}

/** Slack takes up to five posts to one response URL (within 30 minutes). */
const RESPONSE_URL_USES = 5;

type Scripted =
  | { kind: 'ratelimited'; retryAfter: number }
  | { kind: 'error'; error: string }
  | { kind: 'http'; status: number }
  /** An answer of the test's own, checked against the schema like every normal answer. */
  | { kind: 'answer'; body: Record<string, unknown> }
  /** No answer at all: the request hangs until the client gives up (its timeout) or the fake closes. */
  | { kind: 'hang' };

export interface FakeSlackOptions {
  token: string;
  teamId: string;
  teamName: string;
  botUserId: string;
  botId: string;
  users?: FakeUserInput[];
  /** The app-level token (`xapp-…`) `apps.connections.open` accepts (Socket Mode). */
  appToken?: string;
  /**
   * Message timestamps from the wall clock (as Slack stamps them) instead of from 2025-11-24T16:00Z on:
   * for real processes, whose `conversations.history` reads ask for messages since a real instant.
   */
  wallClock?: boolean;
}

const userSchemaCheck = () => definitionValidator('objs_user');

/**
 * Error strings Slack documents for every Web API method ("common errors"), which the published spec's
 * per-method `error` enums leave out, plus the few method errors the spec is too old to list. A scripted
 * error outside the method's enum and these lists is a code Slack never sends, and is a violation.
 */
const COMMON_ERRORS: ReadonlySet<string> = new Set([
  'access_denied',
  'accesslimited',
  'account_inactive',
  'deprecated_endpoint',
  'ekm_access_denied',
  'enterprise_is_restricted',
  'fatal_error',
  'internal_error',
  'invalid_arg_name',
  'invalid_arguments',
  'invalid_array_arg',
  'invalid_auth',
  'invalid_charset',
  'invalid_form_data',
  'invalid_post_type',
  'method_deprecated',
  'missing_post_type',
  'missing_scope',
  'no_permission',
  'not_allowed_token_type',
  'not_authed',
  'org_login_required',
  'ratelimited',
  'request_timeout',
  'service_unavailable',
  'team_access_not_granted',
  'team_added_to_org',
  'token_expired',
  'token_revoked',
  'two_factor_setup_required',
]);
const NEWER_METHOD_ERRORS: Readonly<Record<string, readonly string[]>> = {
  'conversations.open': ['cannot_dm_bot'],
  'chat.postMessage': ['cannot_dm_bot'],
};

/**
 * Methods newer than the published spec (the external file upload that replaced `files.upload`):
 * their required parameters as Slack's method pages list them. Their answers are shaped by hand.
 */
const UNPUBLISHED_METHODS: Readonly<Record<string, readonly string[]>> = {
  'files.getUploadURLExternal': ['filename', 'length'],
  'files.completeUploadExternal': ['files'],
};

/** A file uploaded through the external flow: its bytes, and where `completeUploadExternal` shared it. */
export interface FakeUpload {
  id: string;
  filename: string;
  length: number;
  bytes: Buffer | null;
  shared: { channel: string; title: string } | null;
}

/** A Slack user object as `users.list` returns it (checked against the spec's `objs_user`). */
export function slackUserObject(u: FakeUserInput, fakeTeamId: string): Record<string, unknown> {
  const teamId = u.teamId ?? fakeTeamId;
  const profile: Record<string, unknown> = {
    real_name: u.name,
    real_name_normalized: u.name,
    display_name: u.name.split(' ')[0] ?? u.name,
    display_name_normalized: u.name.split(' ')[0] ?? u.name,
    avatar_hash: 'g0123456789a',
    title: '',
    phone: '',
    skype: '',
    status_text: '',
    status_emoji: '',
    fields: null,
    team: teamId,
  };
  if (u.email !== undefined && u.email !== null) profile.email = u.email;
  if (u.isBot) profile.bot_id = `B${u.id.slice(1).padEnd(9, '0')}`;
  const user: Record<string, unknown> = {
    id: u.id,
    team_id: teamId,
    name: u.name.toLowerCase().replaceAll(' ', '.'),
    deleted: u.deleted ?? false,
    real_name: u.name,
    tz: 'Asia/Tokyo',
    tz_label: 'Japan Standard Time',
    tz_offset: 32400,
    profile,
    is_admin: u.isAdmin ?? false,
    is_owner: u.isOwner ?? false,
    is_primary_owner: false,
    is_restricted: false,
    is_ultra_restricted: false,
    is_bot: u.isBot ?? false,
    is_app_user: false,
    updated: 1_700_000_000,
  };
  if (u.locale) user.locale = u.locale;
  if (u.enterpriseId)
    user.enterprise_user = {
      id: u.id,
      enterprise_id: u.enterpriseId,
      enterprise_name: 'Hiroba Group',
      is_admin: false,
      is_owner: false,
      teams: [teamId],
    };
  return user;
}

export class FakeSlack {
  readonly calls: RecordedCall[] = [];
  readonly responds: RecordedRespond[] = [];
  readonly violations: string[] = [];
  /** Thread roots `conversations.replies` knows: `<channel>:<ts>` → author. */
  readonly threads = new Map<string, string>();
  /** Channel names `conversations.info` knows: id → name. */
  readonly channels = new Map<string, string>();
  users: FakeUserInput[];
  /** Files of the external upload flow, by file id. */
  readonly uploads = new Map<string, FakeUpload>();
  pageSize: number | null = null;
  /** What `apps.connections.open` hands out: the test's fake Socket Mode server. */
  socketUrl: string | null = null;
  private readonly scripted = new Map<string, Scripted[]>();
  private server: http.Server | null = null;
  private port = 0;
  private tsCounter = 0;
  private viewCounter = 0;
  private readonly dms = new Map<string, string>();
  /** Messages the bot posted, per channel, for `conversations.history`. */
  private readonly posted: Array<{ channel: string; ts: string; text: string }> = [];

  constructor(readonly options: FakeSlackOptions) {
    this.users = options.users ?? [];
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}/`;
  }

  /** What `SLACK_API_URL` points at. */
  get apiUrl(): string {
    return `${this.baseUrl}api/`;
  }

  /** A response URL for a slash command or a button; `respond()` posts land in `responds`. */
  responseUrl(id: string): string {
    return `${this.baseUrl}respond/${id}`;
  }

  /**
   * The next call of `method` gets this answer instead of the normal one. The call's parameters are
   * still checked first: a call Slack would refuse is answered `invalid_arguments` (and recorded as a
   * violation) whatever was scripted, and the scripted answer waits for the next call.
   */
  failNext(method: string, answer: Scripted): void {
    const list = this.scripted.get(method) ?? [];
    list.push(answer);
    this.scripted.set(method, list);
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  private dmFor(userId: string): string {
    let id = this.dms.get(userId);
    if (!id) {
      id = `D0DM${String(this.dms.size + 1).padStart(6, '0')}`;
      this.dms.set(userId, id);
    }
    return id;
  }

  /** The DM channel id the fake hands out for a user. */
  dmOf(userId: string): string | undefined {
    return this.dms.get(userId);
  }

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        try {
          const raw = Buffer.concat(chunks);
          if (req.method === 'POST' && (req.url ?? '').startsWith('/upload/')) {
            this.receiveUpload((req.url ?? '').slice('/upload/'.length), raw, res);
            return;
          }
          this.route(req, res, raw.toString('utf8'));
        } catch (error) {
          this.violations.push(`fake crashed: ${String(error)}`);
          res.writeHead(500).end();
        }
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private route(req: http.IncomingMessage, res: http.ServerResponse, body: string): void {
    const url = new URL(req.url ?? '/', this.baseUrl);
    if (req.method === 'POST' && url.pathname.startsWith('/respond/')) {
      this.respondUrl(url.pathname.slice('/respond/'.length), req, res, body);
      return;
    }
    if (req.method !== 'POST' || !url.pathname.startsWith('/api/')) {
      this.violations.push(`unexpected request ${req.method ?? ''} ${url.pathname}`);
      res.writeHead(404).end();
      return;
    }
    const method = url.pathname.slice('/api/'.length);
    if (method === 'apps.connections.open') {
      this.connectionsOpen(req, res);
      return;
    }
    const type = req.headers['content-type'] ?? '';
    if (!type.startsWith('application/x-www-form-urlencoded')) this.violations.push(`${method}: content-type ${type}`);
    const params = Object.fromEntries(new URLSearchParams(body));
    const call: RecordedCall = { method, params, at: performance.now() };
    this.calls.push(call);
    if (req.headers.authorization !== `Bearer ${this.options.token}`) {
      this.violations.push(`${method}: bad Authorization header`);
      this.answer(res, method, { ok: false, error: 'invalid_auth' });
      return;
    }
    // Every call, scripted or not, must be one Slack would accept: a scripted 429 must not hide a bad call.
    const problems = this.checkParams(method, call);
    if (problems.length > 0) {
      this.violations.push(...problems);
      // The fake's own refusal (already a violation), in the words Slack uses for such calls.
      this.send(res, {
        ok: false,
        error: problems.some((p) => / (blocks|view): /u.test(p)) ? 'invalid_blocks' : 'invalid_arguments',
      });
      return;
    }
    const scripted = this.scripted.get(method)?.shift();
    if (scripted?.kind === 'hang') return;
    if (scripted?.kind === 'ratelimited') {
      // An HTTP-level refusal: the spec's error schemas describe HTTP 200 answers, not this body.
      this.send(res, { ok: false, error: 'ratelimited' }, 429, { 'Retry-After': String(scripted.retryAfter) });
      return;
    }
    if (scripted?.kind === 'http') {
      res.writeHead(scripted.status).end();
      return;
    }
    if (scripted?.kind === 'error') {
      this.answer(res, method, { ok: false, error: scripted.error });
      return;
    }
    if (scripted?.kind === 'answer') {
      this.answer(res, method, scripted.body);
      return;
    }
    this.answer(res, method, this.handle(method, call));
  }

  /** The bytes POSTed to an `upload_url`; Slack answers 200 with a plain text body. */
  private receiveUpload(id: string, raw: Buffer, res: http.ServerResponse): void {
    const upload = this.uploads.get(id);
    if (!upload) {
      this.violations.push(`upload to unknown file ${id}`);
      res.writeHead(404).end();
      return;
    }
    if (raw.length !== upload.length)
      this.violations.push(`upload ${id}: ${raw.length} bytes, announced ${upload.length}`);
    upload.bytes = raw;
    res.writeHead(200, { 'Content-Type': 'text/plain' }).end(`OK - ${raw.length}`);
  }

  private checkParams(method: string, call: RecordedCall): string[] {
    const problems: string[] = [];
    const unpublished = UNPUBLISHED_METHODS[method];
    if (unpublished !== undefined) {
      for (const name of unpublished)
        if (!(name in call.params)) problems.push(`${method}: required parameter ${name} missing`);
      return problems;
    }
    const spec = methodSpec(method);
    if (!spec) return [`${method}: not in Slack's published Web API`];
    for (const name of spec.required)
      if (!(name in call.params)) problems.push(`${method}: required parameter ${name} missing`);
    const parseJson = (name: 'blocks' | 'view'): unknown => {
      const raw = call.params[name];
      if (raw === undefined) return undefined;
      try {
        return JSON.parse(raw) as unknown;
      } catch {
        problems.push(`${method}: ${name} is not JSON`);
        return undefined;
      }
    };
    call.blocks = parseJson('blocks');
    call.view = parseJson('view');
    if (call.blocks !== undefined)
      problems.push(...blocksProblems(call.blocks, 'message').map((p) => `${method} blocks: ${p}`));
    if (call.view !== undefined) problems.push(...viewProblems(call.view).map((p) => `${method} view: ${p}`));
    // Rules Slack enforces that the spec does not mark as required.
    if (method === 'chat.postMessage' && !call.params.text && !call.params.blocks)
      problems.push('chat.postMessage: text or blocks needed');
    if (method === 'chat.postMessage' && !call.params.text)
      problems.push('chat.postMessage: no fallback text (screen readers, notifications)');
    if (method === 'conversations.open' && !call.params.users && !call.params.channel)
      problems.push('conversations.open: users or channel needed');
    if (method === 'conversations.info' && !call.params.channel) problems.push('conversations.info: channel needed');
    if (method === 'conversations.replies' && (!call.params.channel || !call.params.ts))
      problems.push('conversations.replies: channel and ts needed');
    if (method === 'users.list' && call.params.limit && Number(call.params.limit) > 1000)
      problems.push('users.list: limit > 1000');
    return problems;
  }

  private nextTs(): string {
    this.tsCounter += 1;
    const seconds = this.options.wallClock ? Math.floor(Date.now() / 1000) : 1764000000;
    return `${seconds}.${String(this.tsCounter).padStart(6, '0')}`;
  }

  private handle(method: string, call: RecordedCall): Record<string, unknown> {
    const o = this.options;
    const p = call.params;
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://hiroba-test.slack.com/',
          team: o.teamName,
          user: 'hiroba',
          team_id: o.teamId,
          user_id: o.botUserId,
          bot_id: o.botId,
        };
      case 'chat.postMessage': {
        let channel = p.channel ?? '';
        // A user id posts into the app's DM with that user; Slack answers with the DM channel's id.
        if (/^[UW]/u.test(channel)) {
          const user = this.users.find((u) => u.id === channel);
          if (!user) return { ok: false, error: 'channel_not_found' };
          if (user.isBot) return { ok: false, error: 'cannot_dm_bot' };
          channel = this.dmFor(channel);
        }
        const ts = this.nextTs();
        this.posted.push({ channel, ts, text: p.text ?? '' });
        return {
          ok: true,
          channel,
          ts,
          message: { type: 'message', text: p.text ?? '', ts, user: o.botUserId },
        };
      }
      case 'conversations.open': {
        const user = p.users ?? '';
        if (!this.users.some((u) => u.id === user)) return { ok: false, error: 'user_not_found' };
        return { ok: true, channel: { id: this.dmFor(user) } };
      }
      case 'conversations.history': {
        const oldest = Number(p.oldest ?? '0');
        const messages = this.posted
          .filter((m) => m.channel === p.channel && Number(m.ts) >= oldest)
          .reverse()
          .map((m) => ({ type: 'message', text: m.text, ts: m.ts, user: o.botUserId, bot_id: o.botId }));
        return { ok: true, messages, has_more: false, pin_count: 0 };
      }
      case 'conversations.replies': {
        const author = this.threads.get(`${p.channel}:${p.ts}`);
        if (!author) return { ok: false, error: 'thread_not_found' };
        return {
          ok: true,
          has_more: false,
          messages: [
            { type: 'message', user: author, text: '', thread_ts: p.ts, ts: p.ts, reply_count: 1, subscribed: false },
          ],
        };
      }
      case 'conversations.info': {
        const name = this.channels.get(p.channel ?? '');
        if (name === undefined) return { ok: false, error: 'channel_not_found' };
        const creator = o.botUserId;
        const text = { value: '', creator, last_set: 0 };
        return {
          ok: true,
          channel: {
            id: p.channel,
            name,
            name_normalized: name,
            created: 1764000000,
            creator,
            is_archived: false,
            is_channel: true,
            is_general: false,
            is_mpim: false,
            is_group: false,
            is_org_shared: false,
            is_im: false,
            is_shared: false,
            is_private: false,
            topic: text,
            purpose: text,
          },
        };
      }
      case 'views.open':
      case 'views.publish': {
        this.viewCounter += 1;
        const view = call.view as Record<string, unknown>;
        return {
          ok: true,
          view: {
            ...view,
            id: `V0VIEW${String(this.viewCounter).padStart(5, '0')}`,
            hash: `1764000000.h${this.viewCounter}`,
            team_id: o.teamId,
          },
        };
      }
      case 'users.list':
        return this.usersPage(p);
      case 'users.info': {
        const user = this.users.find((u) => u.id === p.user);
        if (!user) return { ok: false, error: 'user_not_found' };
        const object = slackUserObject(user, o.teamId);
        const check = userSchemaCheck();
        if (!check(object))
          this.violations.push(
            `fake users.info user ${user.id} fails objs_user: ${JSON.stringify(check.errors?.slice(0, 2))}`,
          );
        return { ok: true, user: object };
      }
      case 'files.getUploadURLExternal': {
        const id = `F0FILE${String(this.uploads.size + 1).padStart(5, '0')}`;
        const length = Number(p.length);
        if (!Number.isInteger(length) || length <= 0) return { ok: false, error: 'invalid_arguments' };
        this.uploads.set(id, { id, filename: p.filename ?? '', length, bytes: null, shared: null });
        return { ok: true, upload_url: `${this.baseUrl}upload/${id}`, file_id: id };
      }
      case 'files.completeUploadExternal': {
        let files: Array<{ id?: string; title?: string }> = [];
        try {
          files = JSON.parse(p.files ?? '[]') as typeof files;
        } catch {
          this.violations.push('files.completeUploadExternal: files is not JSON');
        }
        const done = [];
        for (const f of files) {
          const upload = f.id ? this.uploads.get(f.id) : undefined;
          if (!upload || upload.bytes === null) return { ok: false, error: 'file_not_found' };
          upload.shared = p.channel_id ? { channel: p.channel_id, title: f.title ?? '' } : null;
          done.push({ id: upload.id, title: f.title ?? upload.filename });
        }
        return { ok: true, files: done };
      }
      case 'users.profile.get': {
        const user = this.users.find((u) => u.id === p.user);
        if (!user) return { ok: false, error: 'user_not_found' };
        const profile = slackUserObject(user, o.teamId).profile as Record<string, unknown>;
        return {
          ok: true,
          profile: {
            ...profile,
            fields: user.fields
              ? Object.fromEntries(
                  Object.entries(user.fields).map(([id, f]) => [id, { value: f.value, alt: '', label: f.label }]),
                )
              : {},
          },
        };
      }
      default:
        this.violations.push(`${method}: the fake does not know this method`);
        return { ok: false, error: 'unknown_method' };
    }
  }

  private usersPage(p: Record<string, string>): Record<string, unknown> {
    const size = this.pageSize ?? Number(p.limit ?? '100');
    const offset = p.cursor ? Number(Buffer.from(p.cursor, 'base64').toString('utf8').replace('offset:', '')) : 0;
    const listed = this.users.filter((u) => !u.unlisted);
    const page = listed.slice(offset, offset + size);
    const next = offset + size < listed.length ? Buffer.from(`offset:${offset + size}`).toString('base64') : '';
    const check = userSchemaCheck();
    const members = page.map((u) => slackUserObject(u, this.options.teamId));
    for (const m of members) {
      const id = String(m.id);
      if (!check(m))
        this.violations.push(
          `fake users.list member ${id} fails objs_user: ${JSON.stringify(check.errors?.slice(0, 2))}`,
        );
    }
    return { ok: true, members, cache_ts: 1_764_000_000, response_metadata: { next_cursor: next } };
  }

  /**
   * Sends an answer after checking it against the method's published response schema: normal answers,
   * Slack's refusals and the tests' scripted errors alike, so no error code Slack never returns slips in.
   */
  private answer(res: http.ServerResponse, method: string, body: Record<string, unknown>): void {
    const spec = methodSpec(method);
    if (spec) {
      const check = body.ok === true ? spec.ok : spec.error;
      const error = typeof body.error === 'string' ? body.error : '';
      const documented =
        body.ok === false && (COMMON_ERRORS.has(error) || (NEWER_METHOD_ERRORS[method] ?? []).includes(error));
      // A documented code outside the spec's enum: only the enum complaint is forgiven, not the shape.
      const onlyEnum = (errors: typeof check.errors) =>
        (errors ?? []).every((e) => e.instancePath === '/error' && e.keyword === 'enum');
      if (!check(body) && !(documented && onlyEnum(check.errors)))
        this.violations.push(
          `fake's own ${method} answer fails Slack's schema: ${JSON.stringify(check.errors?.slice(0, 3))}`,
        );
    }
    this.send(res, body);
  }

  private send(
    res: http.ServerResponse,
    body: Record<string, unknown>,
    status = 200,
    headers: Record<string, string> = {},
  ): void {
    res.writeHead(status, { ...headers, 'Content-Type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  }

  /**
   * Socket Mode's `apps.connections.open` (not in the published spec this fake reads): the app-level
   * token, no parameters, answers the fake socket's URL. Scripted answers apply as for other methods.
   */
  private connectionsOpen(req: http.IncomingMessage, res: http.ServerResponse): void {
    this.calls.push({ method: 'apps.connections.open', params: {}, at: performance.now() });
    if (!this.options.appToken || req.headers.authorization !== `Bearer ${this.options.appToken}`) {
      this.violations.push('apps.connections.open: not called with the app-level token');
      this.send(res, { ok: false, error: 'invalid_auth' });
      return;
    }
    const scripted = this.scripted.get('apps.connections.open')?.shift();
    if (scripted?.kind === 'hang') return;
    if (scripted?.kind === 'error') {
      this.send(res, { ok: false, error: scripted.error });
      return;
    }
    if (this.socketUrl === null) {
      this.violations.push('apps.connections.open: the test set no socketUrl');
      this.send(res, { ok: false, error: 'internal_error' });
      return;
    }
    this.send(res, { ok: true, url: this.socketUrl });
  }

  private respondUrl(id: string, req: http.IncomingMessage, res: http.ServerResponse, body: string): void {
    if (!(req.headers['content-type'] ?? '').startsWith('application/json'))
      this.violations.push(`respond ${id}: not JSON`);
    let parsed: Record<string, unknown> = {};
    try {
      parsed = JSON.parse(body) as Record<string, unknown>;
    } catch {
      this.violations.push(`respond ${id}: body is not JSON`);
    }
    if (parsed.blocks !== undefined)
      this.violations.push(...blocksProblems(parsed.blocks, 'message').map((p) => `respond blocks: ${p}`));
    if (typeof parsed.text !== 'string' || parsed.text.length === 0) this.violations.push(`respond ${id}: no text`);
    if (this.responds.filter((r) => r.id === id).length >= RESPONSE_URL_USES)
      this.violations.push(`respond ${id}: more than ${RESPONSE_URL_USES} posts to one response URL`);
    this.responds.push({ id, body: parsed, at: Date.now() });
    this.send(res, { ok: true });
  }
}
