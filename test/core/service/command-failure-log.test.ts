import { afterEach, describe, expect, it } from 'vitest';
import { messageToPlainText } from '../../../src/core/message.js';
import { createHarness, type Harness } from '../../support/core-harness.js';

let h: Harness;
afterEach(() => h.close());

describe('a command that fails', () => {
  it("logs the command's id and the error, never the words the member typed", async () => {
    const logged: Array<{ message: string; error: unknown }> = [];
    h = await createHarness({
      core: {
        logError: (message, error) => logged.push({ message, error }),
        onSettingsChanged: () => {
          throw new Error('settings store unavailable');
        },
      },
    });
    const ops = await h.member({ name: '運用 花子' }, { role: 'ops' });
    const typed = '部署をこえて失敗談も共有する場です（社外秘の案件名を含む下書き）';
    const reply = await h.core.runCommand({
      workspaceId: h.workspace.id,
      platformId: ops.platformId ?? '',
      text: `purpose set ${typed}`,
      channelId: null,
    });
    expect(messageToPlainText(reply)).not.toContain(typed);
    expect(logged).toHaveLength(1);
    expect(logged[0]?.message).toBe('command failed: purpose.set');
    expect(JSON.stringify(logged)).not.toContain('社外秘');
  });
});
