// Dutch source texts of this part of the portrait book; book.en.ts mirrors it (the type checker enforces that).
export const bookNl = {
  notice: { placeholder: "-" },
};
