// Dutch source texts of this part of the portrait book; book-proposals.en.ts mirrors it (the type checker enforces that).
export const bookProposalsNl = {
  notice: { placeholder: "-" },
};
