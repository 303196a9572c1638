// Dutch source texts (departed: how pages and exports name a member, juror or author whose account was
// deleted while what they did stays: ADR 0026); departed.en.ts mirrors it.
export const departedNl = {
  member: "een verwijderd lid",
  juror: "een verwijderd jurylid",
  textKept: "Er is al tekst, van een verwijderd lid: wie dit portret krijgt, gaat daarmee verder.",
  reopenNoAuthor:
    "De auteur van dit portret heeft het account verwijderd: het portret kan niet meer terug naar de auteur en blijft afgerond.",
};
