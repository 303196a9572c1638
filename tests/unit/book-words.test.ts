import { describe, expect, it } from "vitest";
import { countWords, lengthVerdict } from "~/modules/book/words";

describe("countWords", () => {
  it.each([
    ["", 0],
    ["   \n\n  ", 0],
    ["Eén twee drie", 3],
    ["# Jan Rudolph Thorbecke\n\nHij schreef de **Grondwet** van 1848.", 9],
    ["- eerste punt\n- tweede punt\n\n> een citaat", 6],
    ["Zie [de biografie](https://example.nl/een-heel-lang-pad-met-woorden) voor meer.", 5],
    ["*schuin* en _ook schuin_ en `code`", 6],
    ["Thorbecke's ideeën over 's-Hertogenbosch", 4],
    ["staats-secretaris en minister-president", 3],
    ["Één café, één crème brûlée, één naïeve Ærø-reiziger", 8],
    ["1814–2014: tweehonderd jaar", 4],
    ["rock ’n’ roll", 3],
    // Accents typed as separate combining marks (e + U+0301) stay part of their word.
    ["e\u0301e\u0301n cafe\u0301", 2],
  ])("%j has %i words", (text, words) => {
    expect(countWords(text)).toBe(words);
  });
});

describe("lengthVerdict", () => {
  it("judges against the target range, inclusive", () => {
    expect(lengthVerdict(599, 600, 900)).toBe("tooShort");
    expect(lengthVerdict(600, 600, 900)).toBe("ok");
    expect(lengthVerdict(900, 600, 900)).toBe("ok");
    expect(lengthVerdict(901, 600, 900)).toBe("tooLong");
  });
});
