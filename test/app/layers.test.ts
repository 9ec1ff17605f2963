import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

// The layer rules of eslint.config.js, run the way `npm run lint` runs them, on imports written for the test:
// an import that runs back up a layer must be reported, a downward one must not.
const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const eslint = new ESLint({ cwd: root, ruleFilter: ({ ruleId }) => ruleId.startsWith('import-x/') });

async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('layers point down only (eslint.config.js)', () => {
  it.each([
    ['src/core/time/probe.ts', "import { runSchedule } from '../../areas/pushes/runSchedule.ts';"],
    ['src/core/time/probe.ts', "import { handleChatEvent } from '../../engine/chat/handleChatEvent.ts';"],
    ['src/core/time/probe.ts', "import { renderText } from '../../../cards/render/renderText.ts';"],
    ['src/engine/chat/probe.ts', "import { runSchedule } from '../../areas/pushes/runSchedule.ts';"],
    ['src/engine/chat/probe.ts', "import { renderText } from '../../../cards/render/renderText.ts';"],
    ['src/areas/pushes/probe.ts', "import { enqueueViews } from '../../../jobs/enqueueViews.ts';"],
    ['src/areas/pushes/probe.ts', "import { createApp } from '../../app/server/createApp.ts';"],
    ['bots/sandbox/probe.ts', "import { JobWaiter } from '../../jobs/JobWaiter.ts';"],
    ['bots/sandbox/probe.ts', "import { listSandboxGroups } from '../../src/app/sandbox/sandboxDirectory.ts';"],
    ['jobs/probe.ts', "import { runSchedule } from '../src/areas/pushes/runSchedule.ts';"],
    ['cards/render/probe.ts', "import { reminderView } from '../../src/areas/pushes/reminders/reminderView.ts';"],
  ])('%s may not: %s', async (file, code) => {
    expect(await problems(file, `${code}\nexport {};\n`)).toEqual([expect.stringContaining('import-x/no-restricted-paths')]);
  });

  it.each([
    [
      'src/engine/chat/probe.ts',
      "import type { MessageView } from '../../../cards/MessageView.ts';\nimport { toHalfWidth } from '../../core/text/toHalfWidth.ts';",
    ],
    [
      'src/areas/pushes/probe.ts',
      "import type { Push } from '../../engine/notify/Push.ts';\nimport { renderText } from '../../../cards/render/renderText.ts';",
    ],
    ['jobs/probe.ts', "import type { Ingest } from '../bots/ChatAdapter.ts';"],
    ['src/app/probe.ts', "import { runSchedule } from '../areas/pushes/runSchedule.ts';\nimport { enqueueViews } from '../../jobs/enqueueViews.ts';"],
  ])('%s may: %s', async (file, code) => {
    expect(await problems(file, `${code}\nexport {};\n`)).toEqual([]);
  });

  describe('import cycles', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(root, 'src/core/layers-test-'));
      await writeFile(join(dir, 'a.ts'), "import { b } from './b.ts';\nexport const a = () => b;\n");
      await writeFile(join(dir, 'b.ts'), "import { a } from './a.ts';\nexport const b = () => a;\n");
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('a loop between two files is reported', async () => {
      const [result] = await eslint.lintFiles([join(dir, 'a.ts')]);
      expect(result!.messages.map((m) => m.ruleId)).toContain('import-x/no-cycle');
    });
  });
});
