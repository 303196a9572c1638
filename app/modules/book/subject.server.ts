import type { Selectable } from "kysely";
import type { BookProposalTable } from "../../../db/types";

// The proposed civil servant as every book query reads them: the same columns of book_proposal
// (under the query's alias) and the same shape for the pages and the exports.

/** The subject's columns of book_proposal under the query's alias ("b." or "p."). */
export function subjectColumns<A extends string>(alias: A) {
  return [
    `${alias}.id`,
    `${alias}.name`,
    `${alias}.birth_year`,
    `${alias}.death_year`,
    `${alias}.service_from`,
    `${alias}.service_to`,
    `${alias}.organisation`,
    `${alias}.role`,
  ] as const;
}

/** The subject's columns as a query returns them (the table's own types). */
type SubjectRow = Pick<
  Selectable<BookProposalTable>,
  "id" | "name" | "birth_year" | "death_year" | "service_from" | "service_to" | "organisation" | "role"
>;

/** The subject of a row read with subjectColumns. */
export function subjectOf(r: SubjectRow) {
  return {
    id: r.id,
    name: r.name,
    birthYear: r.birth_year,
    deathYear: r.death_year,
    serviceFrom: r.service_from,
    serviceTo: r.service_to,
    organisation: r.organisation,
    role: r.role,
  };
}
