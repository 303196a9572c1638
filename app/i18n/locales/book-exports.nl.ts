// Dutch source texts (bookExports); book-exports.en.ts mirrors it (the type checker enforces that).
export const bookExportsNl = {
  notice: { placeholder: "-" },
};
