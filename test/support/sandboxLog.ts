import { vi } from 'vitest';
import type { SandboxLine } from '../../bots/sandbox/SandboxChatLog.ts';

/** What the sandbox chat log of a group holds (GET /sandbox/api/groups/<id>/messages, every page from the oldest). */
export async function groupMessages(url: string, group: string): Promise<SandboxLine[]> {
  const all: SandboxLine[] = [];
  for (let page = 0; page < 50; page++) {
    const query = all.length === 0 ? '?from=start&limit=100' : `?after=${encodeURIComponent(all.at(-1)!.id)}&limit=100`;
    const response = await fetch(`${url}/sandbox/api/groups/${encodeURIComponent(group)}/messages${query}`);
    if (!response.ok) throw new Error(`sandbox answered ${response.status}`);
    const { messages, more } = (await response.json()) as { messages: SandboxLine[]; more: boolean };
    all.push(...messages);
    if (!more) break;
  }
  return all;
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
