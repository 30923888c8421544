/*
 * Cuts a reply down to what its writer added. Hand-written because the maintained parser
 * (email-reply-parser 2.x) requires Node 22 and the platform runs on Node 20 (check:engines).
 */

/** A line that starts the quoted history, alone or with the next line (clients wrap long headers). */
const HISTORY_ONE_LINE = [
  /^on\b.{0,300}\bwrote:\s*$/i, // Gmail, Apple Mail, Thunderbird (en)
  /^am\b.{0,300}\bschrieb\b.{0,200}:\s*$/i, // Thunderbird, Gmail (de)
  /^-{2,}\s*(original message|ursprüngliche nachricht|message d'origine)\s*-{2,}\s*$/i, // Outlook
  /^-{2,}\s*forwarded message\s*-{2,}\s*$/i,
];
/** An Outlook header block: `From:`/`Von:` followed within four lines by `Sent:`/`Date:`/`Gesendet:`. */
const BLOCK_FROM = /^\*?(from|von|de):\*?\s/i;
const BLOCK_SENT = /^\*?(sent|date|gesendet|datum|envoyé):\*?\s/i;
const OUTLOOK_RULE = /^_{10,}\s*$/;
const SIGNATURE = /^--\s?$/;

function startsHistory(lines: readonly string[], index: number): boolean {
  const line = lines[index]?.trim() ?? '';
  if (HISTORY_ONE_LINE.some((pattern) => pattern.test(line))) return true;
  const joined = `${line} ${lines[index + 1]?.trim() ?? ''}`;
  if (/^(on|am)\b/i.test(line) && HISTORY_ONE_LINE.slice(0, 2).some((pattern) => pattern.test(joined))) return true;
  if (OUTLOOK_RULE.test(line) && BLOCK_FROM.test(lines[index + 1]?.trim() ?? '')) return true;
  return BLOCK_FROM.test(line) && lines.slice(index + 1, index + 5).some((next) => BLOCK_SENT.test(next.trim()));
}

/**
 * The new text of a reply: everything before the quoted history (`On ... wrote:`, `Am ... schrieb`,
 * Outlook's `-----Original Message-----` or `From:`/`Sent:` block) or the signature (`-- `), without
 * `>` quoted lines; trailing white space trimmed. Empty when the reply added nothing.
 */
export function replyText(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const kept: string[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    if (SIGNATURE.test(line) || startsHistory(lines, index)) break;
    if (/^\s*>/.test(line)) continue;
    kept.push(line.replace(/\s+$/, ''));
  }
  return kept.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}
