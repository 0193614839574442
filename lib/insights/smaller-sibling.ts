/** Rules of the next smaller model of a family: a pattern of the name and how the smaller one is named. */
const RULES: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^claude-opus-(.+)$/, (m) => `claude-sonnet-${m[1]}`],
  [/^claude-sonnet-(.+)$/, (m) => `claude-haiku-${m[1]}`],
  [/^(gemini-[\d.]+)-pro(-preview)?$/, (m) => `${m[1]}-flash${m[2] ?? ""}`],
  [/^(gemini-[\d.]+)-flash$/, (m) => `${m[1]}-flash-lite`],
  [/^(gpt-.+)-mini$/, (m) => `${m[1]}-nano`],
  [/^(gpt-[\d.]+o?)$/, (m) => `${m[1]}-mini`],
];

/**
 * Names of the next smaller model of the same provider and family: gpt-4o → gpt-4o-mini, gpt-5-mini →
 * gpt-5-nano, claude-opus-4-5 → claude-sonnet-4-5, claude-sonnet-4-5 → claude-haiku-4-5, gemini-2.5-pro →
 * gemini-2.5-flash → gemini-2.5-flash-lite. Only a name: the caller keeps a candidate only when the price
 * catalog has it.
 */
export function smallerSiblings(model: string): string[] {
  const name = model.toLowerCase();
  for (const [pattern, smaller] of RULES) {
    const m = pattern.exec(name);
    if (m) return [smaller(m)];
  }
  return [];
}
