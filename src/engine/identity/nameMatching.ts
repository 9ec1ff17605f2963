/**
 * Names as people write them (the source documents themselves write 「曾 伟」「周 红」): one place that every
 * command taking names uses. Names compare without inner spaces (full-width too) and middle dots; lists are
 * split on the separators people use (，、,;；/ and a closing 等); an unknown name gets the closest roster names.
 */

/** A name as compared: no spaces (incl. U+3000), no middle dots, full-width letters and digits made half-width. */
export function normaliseName(name: string): string {
  return name
    .replace(/[\uFF01-\uFF5E]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/^[@＠]+/u, '')
    .replace(/[\s\u3000·•・.]+/gu, '')
    .trim();
}

/** Separators between names: Chinese and Western commas, 、, semicolons, slashes. */
const SEPARATORS = /[，、,;；/／|｜]+/u;
/** 「……等」「等5人」「等同志」 closing a list. */
const CLOSING_DENG = /等(?:[0-9０-９一二三四五六七八九十百]+(?:人|名|位))?(?:同志|人)?$/u;

/**
 * The chunks of a written list of names, each as its whitespace-separated words: 「李 春生，陈 秀英等」 →
 * [['李', '春生'], ['陈', '秀英']]. Words within a chunk are matched against the roster by matchNameWords.
 */
export function splitNameChunks(text: string): string[][] {
  return text
    .split(SEPARATORS)
    .map((chunk) => chunk.trim().replace(CLOSING_DENG, '').trim())
    .filter((chunk) => chunk.length > 0)
    .map((chunk) =>
      chunk
        .split(/[\s\u3000]+/u)
        .map((w) => w.replace(/^[@＠]+/u, ''))
        .filter((w) => w.length > 0),
    )
    .filter((words) => words.length > 0);
}

/**
 * The names in a chunk of words, against the roster's normalised names: the longest run of words that forms a
 * roster name wins (「李 春生 陈 秀英」 → 李春生, 陈秀英); a lone surname that forms no roster name is joined to
 * the next word (「李 春升」 → the unknown 李春升, which gets suggestions), other words stand alone.
 */
export function matchNameWords(words: readonly string[], known: ReadonlySet<string>): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < words.length) {
    let matched = 0;
    for (let j = Math.min(words.length, i + 4); j > i; j--) {
      if (known.has(normaliseName(words.slice(i, j).join('')))) {
        matched = j - i;
        break;
      }
    }
    if (matched > 0) {
      out.push(normaliseName(words.slice(i, i + matched).join('')));
      i += matched;
    } else if ([...normaliseName(words[i]!)].length === 1 && i + 1 < words.length) {
      out.push(normaliseName(words[i]! + words[i + 1]!));
      i += 2;
    } else {
      out.push(normaliseName(words[i]!));
      i += 1;
    }
  }
  return out.filter((n) => n.length > 0);
}

/**
 * The names of a written list's chunks (「李 春生」, 「赵大勇 陈秀英」 as splitNameChunks leaves them, joined by
 * spaces), deduplicated in order, against the normalised roster names `known`.
 */
export function namesFromChunks(chunks: string[], known: ReadonlySet<string>): string[] {
  return [...new Set(chunks.flatMap((chunk) => (known.has(normaliseName(chunk)) ? [normaliseName(chunk)] : matchNameWords(chunk.split(' '), known))))];
}

function editDistance(a: string[], b: string[]): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/**
 * The roster names closest to an unknown one: one character off (a typo or a homophone: 李春升 → 李春生), or
 * sharing at least two characters (陈英秀 → 陈秀英); closest first, at most `limit`.
 */
export function closestNames(name: string, rosterNames: Iterable<string>, limit = 3): string[] {
  const wanted = [...normaliseName(name)];
  if (wanted.length === 0) return [];
  const scored: { name: string; distance: number; shared: number }[] = [];
  for (const candidate of new Set(rosterNames)) {
    const chars = [...normaliseName(candidate)];
    const distance = editDistance(wanted, chars);
    const pool = [...chars];
    let shared = 0;
    for (const c of wanted) {
      const at = pool.indexOf(c);
      if (at >= 0) {
        shared++;
        pool.splice(at, 1);
      }
    }
    if (distance === 0) continue;
    if (distance <= 1 || shared >= Math.min(2, wanted.length)) scored.push({ name: candidate, distance, shared });
  }
  return scored
    .sort((a, b) => a.distance - b.distance || b.shared - a.shared || a.name.localeCompare(b.name, 'zh-CN'))
    .slice(0, limit)
    .map((s) => s.name);
}

/** 「「李春升」（是不是：李春生？）」 for an error message. */
export function describeUnknown(names: readonly string[], suggestions: ReadonlyMap<string, string[]>): string {
  return names
    .map((n) => {
      const close = suggestions.get(n) ?? [];
      return `「${n}」${close.length > 0 ? `（是不是：${close.join('、')}？）` : ''}`;
    })
    .join('、');
}
