// Dutch source texts (erasure); erasure.en.ts mirrors it (the type checker enforces that).
export const erasureNl = {
  notice: { placeholder: "-" },
};
