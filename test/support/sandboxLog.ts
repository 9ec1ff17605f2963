import { vi } from 'vitest';
import type { SandboxLine } from '../../bots/sandbox/SandboxChatLog.ts';

/** What the sandbox chat log of a group holds (GET /sandbox/api/groups/<id>/messages). */
export async function groupMessages(url: string, group: string): Promise<SandboxLine[]> {
  const response = await fetch(`${url}/sandbox/api/groups/${encodeURIComponent(group)}/messages`);
  if (!response.ok) throw new Error(`sandbox answered ${response.status}`);
  return ((await response.json()) as { messages: SandboxLine[] }).messages;
}

/** Waits until a bot message containing `text` shows up in a group (notifications are delivered asynchronously). */
export async function waitForBotMessage(url: string, group: string, text: string): Promise<SandboxLine> {
  return vi.waitFor(
    async () => {
      const found = (await groupMessages(url, group)).find((m) => m.from === 'bot' && m.text.includes(text));
      if (!found) throw new Error(`no bot message containing "${text}" in ${group} yet`);
      return found;
    },
    { timeout: 15_000, interval: 100 },
  );
}
