// Word count of a manuscript (plain text or Markdown), shared by the editor's live counter and the server.
// Markdown markup (#, *, _, >, list markers, link targets) is not counted; words are runs of letters or
// digits, joined by an apostrophe or hyphen ("'s-Hertogenbosch", "Thorbecke's", "staats-secretaris").
const LINK_TARGET = /\]\([^)]*\)/g;
// Combining marks (an accent typed separately, as text pasted from some systems has) belong to their letter.
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’\-‐][\p{L}\p{M}\p{N}]+)*/gu;

export function countWords(text: string): number {
  const visible = text.normalize("NFC").replace(LINK_TARGET, "]");
  return visible.match(WORD)?.length ?? 0;
}

export type LengthVerdict = "tooShort" | "ok" | "tooLong";

export function lengthVerdict(words: number, min: number, max: number): LengthVerdict {
  if (words < min) return "tooShort";
  if (words > max) return "tooLong";
  return "ok";
}
