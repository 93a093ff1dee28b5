import { describe, expect, it } from 'vitest';
import type { Message } from '../../src/core/message.js';
import { defaultSettings, type Workspace } from '../../src/core/types.js';
import { MemoryPlatform } from '../../src/memory/memory-platform.js';
import { FakeClock } from '../support/fake-clock.js';

const workspace: Workspace = {
  id: 1,
  platform: 'memory',
  externalId: 'acme',
  name: 'Acme',
  settings: defaultSettings(),
  createdAt: '2026-01-01T00:00:00.000Z',
};
const hello: Message = { kind: 'test', blocks: [{ type: 'text', text: 'hello' }], fallback: 'hello' };

describe('MemoryPlatform', () => {
  it('records every accepted send with its time and a message id', async () => {
    const clock = new FakeClock('2026-11-24T01:00:00.000Z');
    const platform = new MemoryPlatform({ clock });
    const heard: string[] = [];
    platform.onSend((s) => heard.push(s.to.id));
    expect(await platform.send(workspace, { kind: 'member', id: 'U1' }, hello)).toEqual({
      ok: true,
      messageId: 'mem-1',
    });
    clock.advance(1000);
    await platform.send(workspace, { kind: 'channel', id: 'C1' }, hello);
    expect(platform.sent.map((s) => [s.workspaceId, s.to, s.at.toISOString(), s.messageId])).toEqual([
      [1, { kind: 'member', id: 'U1' }, '2026-11-24T01:00:00.000Z', 'mem-1'],
      [1, { kind: 'channel', id: 'C1' }, '2026-11-24T01:00:01.000Z', 'mem-2'],
    ]);
    expect(platform.sentTo('C1')).toHaveLength(1);
    expect(heard).toEqual(['U1', 'C1']);
  });

  it('failNext and respondRateLimited fail the next sends in order, then it recovers', async () => {
    const platform = new MemoryPlatform();
    platform.respondRateLimited(1, 5000);
    platform.failNext(1, { kind: 'permanent', code: 'channel_not_found' });
    const to = { kind: 'channel' as const, id: 'C1' };
    expect(await platform.send(workspace, to, hello)).toEqual({
      ok: false,
      failure: { kind: 'transient', code: 'rate_limited', retryAfterMs: 5000 },
    });
    expect(await platform.send(workspace, to, hello)).toEqual({
      ok: false,
      failure: { kind: 'permanent', code: 'channel_not_found' },
    });
    expect((await platform.send(workspace, to, hello)).ok).toBe(true);
    expect(platform.attempts.map((a) => a.result.ok)).toEqual([false, false, true]);
    expect(platform.sent).toHaveLength(1);
  });

  it('failFor fails every send to one recipient until cleared, without using up failNext', async () => {
    const platform = new MemoryPlatform();
    platform.failFor('U2', { kind: 'permanent', code: 'cannot_dm_bot', blocked: true });
    platform.failNext(1, { kind: 'transient', code: 'timeout' });
    const blocked = await platform.send(workspace, { kind: 'member', id: 'U2' }, hello);
    expect(blocked).toEqual({ ok: false, failure: { kind: 'permanent', code: 'cannot_dm_bot', blocked: true } });
    expect(await platform.send(workspace, { kind: 'member', id: 'U2' }, hello)).toEqual(blocked);
    expect((await platform.send(workspace, { kind: 'member', id: 'U1' }, hello)).ok).toBe(false); // the queued timeout
    platform.clearFailures('U2');
    expect((await platform.send(workspace, { kind: 'member', id: 'U2' }, hello)).ok).toBe(true);
  });

  it('refuses a malformed message like a real platform', async () => {
    const platform = new MemoryPlatform();
    const bad = { kind: 'test', blocks: [], fallback: '' } as Message;
    expect(await platform.send(workspace, { kind: 'channel', id: 'C1' }, bad)).toEqual({
      ok: false,
      failure: { kind: 'permanent', code: 'invalid_message' },
    });
  });

  it('answers listMembers from the directory set for the workspace, else the default', async () => {
    const platform = new MemoryPlatform();
    expect(await platform.listMembers(workspace)).toEqual([]);
    platform.setDirectory([{ platformId: 'U1', name: 'Sato' }]);
    platform.setDirectory([{ platformId: 'U9', name: 'Other' }], 'other');
    const list = await platform.listMembers(workspace);
    expect(list).toEqual([{ platformId: 'U1', name: 'Sato' }]);
    list[0]!.name = 'changed';
    expect((await platform.listMembers(workspace))[0]!.name).toBe('Sato');
    expect(await platform.listMembers({ ...workspace, externalId: 'other' })).toEqual([
      { platformId: 'U9', name: 'Other' },
    ]);
  });

  it('records opened forms', async () => {
    const platform = new MemoryPlatform();
    const form = {
      kind: 'story' as const,
      title: 'Story',
      submitLabel: 'Send',
      openLabel: 'Write',
      fields: [{ id: 'body', label: 'Body', multiline: true, required: true, minLength: 0, maxLength: 2000 }],
    };
    expect(await platform.openForm(workspace, 'trigger-1', form, 'ctx')).toEqual({ ok: true, messageId: 'mem-form-1' });
    expect(platform.forms.map((f) => [f.trigger, f.context, f.form.kind])).toEqual([['trigger-1', 'ctx', 'story']]);
  });
});
