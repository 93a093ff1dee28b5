import type { CommandRegistry } from '../commands/command-registry.js';
import type { Message } from '../message.js';
import type { Clock, CommandRequest, JobRunResult, OutgoingFile, Repositories, SendResult } from '../ports.js';
import type { JobName, Locale, Member, Role, Workspace } from '../types.js';
import type { Snapshot } from './snapshot.js';

/** Validates a cron expression; the reason is in the caller's language. */
export type CronCheck = (expression: string, locale: Locale) => { ok: true } | { ok: false; reason: string };

/** What the service needs from outside the core; main.ts wires it. */
export interface ServiceDeps {
  repos: Repositories;
  clock: Clock;
  /** Emails or platform ids who are `admin` from the start (HIROBA_ADMINS). */
  admins?: readonly string[];
  /** Validates a cron expression (the scheduler owns cron). Without it `schedule set` is refused. */
  validateCron?: CronCheck;
  /** Runs a scheduled job now with the ledger rules (`digest send`). */
  runJob?: (job: JobName, workspace: Workspace, now: Date) => Promise<JobRunResult>;
  /** Told after a workspace's settings change (the scheduler reloads its crons). */
  onSettingsChanged?: (workspace: Workspace) => void;
  /**
   * A channel's name as the platform knows it (Slack `conversations.info`), asked once when ops add
   * a channel without a name in the mention; null when the platform cannot tell.
   */
  channelName?: (workspace: Workspace, channelId: string) => Promise<string | null>;
  /** Sends a file to a member's DM (`inactive csv`); absent where the platform cannot (Teams). */
  sendFile?: (workspace: Workspace, memberPlatformId: string, file: OutgoingFile) => Promise<SendResult>;
  /**
   * Computes a slow answer (see `CommandSpec.slow`) away from the server's thread, as `runCommand`
   * would: main.ts gives the answer thread, whose own core has none. Absent, it is computed here.
   */
  answerAway?: (request: CommandRequest) => Promise<Message>;
  /** The dashboard's public base URL (HIROBA_PUBLIC_URL); without it `dashboard` says it is not set up. */
  dashboardUrl?: string;
}

/** One command being run: who asked, where, in which language, at what instant. */
export interface CommandContext {
  deps: ServiceDeps;
  /** Every command Hiroba knows (`help` lists them; a confirmation runs one again). */
  commands: CommandRegistry;
  workspace: Workspace;
  caller: Member;
  role: Role;
  locale: Locale;
  now: Date;
  channelId: string | null;
  /** Loaded on first use: most commands never need it. */
  snapshot(): Promise<Snapshot>;
  /** Set by a handler that wrote its own audit entry in its transaction (role changes, `forget`). */
  audited?: boolean;
}

export type Handler<C> = (ctx: CommandContext, command: C) => Message | Promise<Message>;
