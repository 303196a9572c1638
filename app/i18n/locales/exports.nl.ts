// Dutch source texts (exports); exports.en.ts mirrors it (the type checker enforces that).
export const exportsNl = {
  notice: { placeholder: "-" },
};
