/** "training:memberFloor=32,cadreFloor=56" → { name: 'training', params: { memberFloor: 32, cadreFloor: 56 } }. */
export function parseAutoRule(rule: string): { name: string; params: Record<string, number> } {
  const [name, rest] = rule.split(':', 2) as [string, string | undefined];
  const params: Record<string, number> = {};
  for (const pair of (rest ?? '').split(',').filter(Boolean)) {
    const [key, value] = pair.split('=', 2);
    const n = Number(value);
    if (key && Number.isFinite(n)) params[key.trim()] = n;
  }
  return { name: name.trim(), params };
}
