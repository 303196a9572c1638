import type { TFunction } from "i18next";

// What Lauwer holds about a person (AVG art. 15), as data: the JSON download, the readable page and the
// answer mail are made from one report. Client-safe (the page renders it).

export interface AccessReport {
  /** When the report was made (ISO). */
  madeAt: string;
  accounts: Array<{
    name: string;
    email: string;
    organisation: string;
    createdAt: string;
    roles: string[];
    ballots: number;
    nominationsMade: number;
  }>;
  nominees: Array<{
    award: string;
    year: number;
    category: string;
    kind: string;
    name: string;
    organisation: string;
    contactEmail: string | null;
    age: number | null;
    pitch: string;
    story: string;
    status: string;
    consent: string;
    erased: boolean;
    /** The motivations written for them (by whom is the nominators' data, not theirs). */
    motivations: string[];
  }>;
  references: Array<{
    award: string;
    year: number;
    forNominee: string;
    name: string;
    email: string;
    relation: string;
    statement: string | null;
  }>;
  invitations: Array<{ kind: "jury" | "role" | "round"; createdAt: string }>;
  portrayed: Array<{ project: string; name: string }>;
  /** Texts by others that name them: where, and how many (the texts are the writers' own). */
  mentions: Array<{ table: string; column: string; rows: number }>;
  mails: Array<{ subject: string; createdAt: string; status: string }>;
}

export const isEmptyReport = (r: AccessReport) =>
  !r.accounts.length &&
  !r.nominees.length &&
  !r.references.length &&
  !r.invitations.length &&
  !r.portrayed.length &&
  !r.mentions.length &&
  !r.mails.length;

/**
 * The report's list sections as lines of text, shared by the answer mail and the readable page (which
 * shows the nominee records as lists of their own). `date` writes an ISO time as the reader's day.
 */
export function reportLines(r: AccessReport, t: TFunction, date: (iso: string) => string) {
  return {
    accounts: r.accounts.map((a) =>
      t("privacyRequests.report.accountLine", {
        name: a.name,
        email: a.email,
        organisation: a.organisation || "—",
        roles: a.roles.join(", ") || "—",
        ballots: a.ballots,
        nominations: a.nominationsMade,
      }),
    ),
    references: r.references.map((x) =>
      t("privacyRequests.report.referenceLine", { award: x.award, year: x.year, nominee: x.forNominee, name: x.name, email: x.email }),
    ),
    invitations: r.invitations.map((i) => t(`privacyRequests.report.invitation.${i.kind}`, { date: date(i.createdAt) })),
    portrayed: r.portrayed.map((p) => `${p.name} (${p.project})`),
    mentions: r.mentions.map((m) =>
      t("privacyRequests.report.mentionLine", {
        place: t(`privacyPeople.columns.${m.table}_${m.column}`, { defaultValue: `${m.table}.${m.column}` }),
        count: m.rows,
      }),
    ),
    mails: r.mails.map((m) => `${date(m.createdAt)}: ${m.subject}`),
  };
}

/** The fields of a nominee record the report shows, with their label keys (empty ones left out). */
export function nomineeFields(n: AccessReport["nominees"][number]): Array<[key: string, value: string]> {
  const fields: Array<[string, string]> = [
    ["organisation", n.organisation],
    ["email", n.contactEmail ?? ""],
    ["age", n.age === null ? "" : String(n.age)],
    ["pitch", n.pitch],
    ["story", n.story],
  ];
  return [...fields.filter(([, v]) => v), ...n.motivations.map((m): [string, string] => ["motivation", m])];
}

/** The report as plain text, for the answer mail (the same facts as the readable page). */
export function accessReportText(r: AccessReport, t: TFunction): string {
  if (isEmptyReport(r)) return t("privacyRequests.report.nothing");
  const lines = reportLines(r, t, (iso) => iso.slice(0, 10));
  const out: string[] = [];
  const section = (key: string, items: string[]) => {
    if (items.length) out.push([t(`privacyRequests.report.${key}`), ...items.map((l) => `- ${l}`)].join("\n"));
  };
  section("accounts", lines.accounts);
  section(
    "nominees",
    r.nominees.map((n) =>
      [
        t("privacyRequests.report.nomineeLine", { award: n.award, year: n.year, category: n.category, name: n.name, status: n.status }),
        ...nomineeFields(n).map(([k, v]) => `  ${t(`privacyRequests.report.${k}`)}: ${v}`),
      ].join("\n"),
    ),
  );
  for (const key of ["references", "invitations", "portrayed", "mentions", "mails"] as const) section(key, lines[key]);
  return out.join("\n\n");
}
