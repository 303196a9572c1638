// Dutch source texts of this part of the portrait book; book-writing.en.ts mirrors it (the type checker enforces that).
export const bookWritingNl = {
  notice: { placeholder: "-" },
};
