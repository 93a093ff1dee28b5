import { z } from 'zod';
import type { Message } from '../core/message.js';
import type { CommandRequest, JobRunResult } from '../core/ports.js';
import { type JobName, jobNameSchema, localeSchema, type Workspace } from '../core/types.js';

/** Marks the job thread's `workerData`, so the worker module does nothing when imported anywhere else. */
export const JOB_THREAD_KIND = 'hiroba-job-thread';

/** Where the thread's own store connection goes (`StoreTarget`). */
export const storeTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('sqlite'), path: z.string().min(1) }),
  z.object({ kind: z.literal('postgres'), url: z.string().min(1) }),
]);

/** What the main thread gives the job thread when it starts it. */
export const jobThreadDataSchema = z.object({
  kind: z.literal(JOB_THREAD_KIND),
  target: storeTargetSchema,
  busyTimeoutMs: z.number().int().nonnegative(),
  /** URL of the module whose `threadJobs` export lists the jobs the thread runs. */
  jobsModule: z.string().min(1),
  /** One Int32: how many transactions the thread has open now (read by `/healthz` without waiting). */
  writing: z.instanceof(SharedArrayBuffer),
  /** HIROBA_ADMINS, for the core that computes answers there (a caller new to Hiroba is created as the server would). */
  admins: z.array(z.string()).default([]),
});
export type JobThreadData = z.infer<typeof jobThreadDataSchema>;

/** main → thread: run one job (as `runJob`), or finish the queue and close. */
export const jobThreadRequestSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('run'),
    id: z.number().int(),
    job: jobNameSchema,
    workspaceId: z.number().int().positive(),
    now: z.iso.datetime(),
    period: z.string().min(1).optional(),
  }),
  z.object({
    kind: z.literal('answer'),
    id: z.number().int(),
    now: z.iso.datetime(),
    // Checked again by the core there, as every command request is.
    request: z.object({
      workspaceId: z.number(),
      platformId: z.string(),
      text: z.string(),
      locale: localeSchema.nullable().optional(),
      channelId: z.string().nullable().optional(),
    }),
  }),
  z.object({ kind: z.literal('stop') }),
]);
export type JobThreadRequest = z.infer<typeof jobThreadRequestSchema>;

/** An error as it crosses the thread: its code survives, so a busy database is retried as one. */
export interface ThreadError {
  name: string;
  message: string;
  code?: string;
  stack?: string;
}

export type LogLevel = 'info' | 'warn' | 'error';

/** thread → main. */
export type JobThreadReply =
  | { kind: 'done'; id: number; result: JobRunResult }
  | { kind: 'answered'; id: number; message: Message }
  | { kind: 'failed'; id: number; error: ThreadError }
  | { kind: 'log'; level: LogLevel; message: string; fields?: Record<string, unknown> };

/** A request for one run, as the main thread builds it. */
export function runRequest(
  id: number,
  job: JobName,
  workspace: Workspace,
  now: Date,
  period?: string,
): JobThreadRequest {
  return {
    kind: 'run',
    id,
    job,
    workspaceId: workspace.id,
    now: now.toISOString(),
    ...(period === undefined ? {} : { period }),
  };
}

/** A request for one slow command answer (`HirobaCore.runCommand` there), as the main thread builds it. */
export function answerRequest(id: number, request: CommandRequest, now: Date): JobThreadRequest {
  return { kind: 'answer', id, now: now.toISOString(), request: { ...request } };
}

export function toThreadError(error: unknown): ThreadError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const code = (error as { code?: unknown }).code;
  return {
    name: error.name,
    message: error.message,
    ...(typeof code === 'string' ? { code } : {}),
    ...(error.stack === undefined ? {} : { stack: error.stack }),
  };
}
