import { sql, type Transaction } from "kysely";
import type { DB } from "../../db/types";

// The demo organisation behind the privacy and accessibility statements (a platform admin replaces it
// on /beheer/instellingen). Fictional names and addresses under the demo domain.
export async function seedLegal(trx: Transaction<DB>): Promise<void> {
  await trx
    .updateTable("legal_settings")
    .set({
      organisation: "Stichting Lauwer (demo)",
      controller: "Het bestuur van Stichting Lauwer (demo)",
      contact_email: "privacy@lauwer.test",
      postal_address: "Postbus 1234, 2500 AA Den Haag",
      dpo_name: "Femke Gegevens",
      dpo_email: "fg@lauwer.test",
      statement_date: sql<string>`current_date`,
      last_check_date: sql<string>`current_date`,
      compliance: "partial",
      limitations_nl:
        "De grafieken van de uitslag hebben nog geen tekstalternatief per balk; de cijfers staan wel in de tabel eronder. Opgelost uiterlijk 1 maart 2027.\n" +
        "Video's bij nominaties zijn links naar externe sites; die sites vallen buiten deze verklaring.",
      limitations_en:
        "The results charts have no text alternative per bar yet; the figures are in the table below them. Fixed by 1 March 2027 at the latest.\n" +
        "Videos with nominations are links to external sites; those sites are outside this statement.",
    })
    .where("id", "=", true)
    .execute();
}
