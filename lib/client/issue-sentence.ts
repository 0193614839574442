/** zod's default messages and the sentences shown instead. */
const ZOD_MESSAGES: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^Invalid input: expected \w+, received (undefined|null)$/, () => "This field is required."],
  [
    /^Too small: expected string to have >=(\d+) characters?$/,
    (m) => (m[1] === "1" ? "This field is required." : `Use at least ${m[1]} characters.`),
  ],
  [/^Too big: expected string to have <=(\d+) characters?$/, (m) => `Use at most ${m[1]} characters.`],
  [/^Too small: expected (?:number|int) to be >=?(-?[\d.]+)$/, (m) => `Enter a number of at least ${m[1]}.`],
  [/^Too big: expected (?:number|int) to be <=?(-?[\d.]+)$/, (m) => `Enter a number of at most ${m[1]}.`],
  [
    /^Too small: expected array to have >=(\d+) items?$/,
    (m) => (m[1] === "1" ? "Choose at least one." : `Choose at least ${m[1]}.`),
  ],
  [/^Too big: expected array to have <=(\d+) items?$/, (m) => `Choose at most ${m[1]}.`],
  [/^Invalid option: expected one of /, () => "Choose one of the options offered."],
  [/^Invalid (email|email address)$/i, () => "Enter a valid email address."],
  [/^Invalid input: expected number/, () => "Enter a number."],
  [/^Unrecognized keys?: /, () => "This field is not expected here."],
];

/**
 * A field's validation message as a sentence for people, shown next to the field: the API's messages
 * name no field (the field is beside them) but zod's defaults read like "Too small: expected string to
 * have >=1 characters". Ours ("enter a valid email address") only gain a capital and a full stop.
 */
export function issueSentence(message: string): string {
  const m = message.trim();
  for (const [pattern, sentence] of ZOD_MESSAGES) {
    const match = pattern.exec(m);
    if (match) return sentence(match);
  }
  if (!m) return "This value is not valid.";
  // "is one of the most common passwords" names no subject: the field beside it is ("This is …").
  const subjectless = /^(is|are|must|uses|has|should|cannot|does|resolves|only)\b/.test(m);
  const sentence = subjectless ? `This ${m}` : m.charAt(0).toUpperCase() + m.slice(1);
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

/**
 * The form-level message when fields carry the problems (naming them when `names` are given: "Check the
 * highlighted fields (amount, thresholds)."), or the API's own message as a sentence.
 */
export function formSummary(message: string, fieldCount: number, names: readonly string[] = []): string {
  const which = names.length ? ` (${names.join(", ")})` : "";
  if (fieldCount === 1) return `Check the highlighted field${which}.`;
  if (fieldCount > 1) return `Check the ${fieldCount} highlighted fields${which}.`;
  return issueSentence(message);
}
