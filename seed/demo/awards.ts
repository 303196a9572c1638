import { randomInt } from "node:crypto";
import { sql, type Transaction } from "kysely";
import type { Advancement, BallotMode, DB, Eligibility, NomineeKind, RoundKind } from "../../db/types";
import { ensureJuryAdvanced } from "../../app/modules/jury/jury.server";
import { confirmShortlist } from "../../app/modules/rounds/confirm.server";
import { saveSelection } from "../../app/modules/rounds/selection.server";
import { roundCandidates } from "../../app/modules/voting/round.server";

// The four demo awards, configured as the real ones run (shared/DESIGN.md §1), with ~50 nominees
// each: mostly candidates, some waiting for moderation or for the nominee's consent.

const DAY = 86_400_000;

interface RoundSpec {
  kind: RoundKind;
  nl: string;
  en: string;
  /** Days from now; null for a live vote opened by hand on the night. */
  opens: number | null;
  closes: number | null;
  source?: "all" | "previous";
  advancement: Advancement;
  k?: number;
  minScores?: number;
  showMotivations?: boolean;
  voting?: { mode: BallotMode; max: number; allowChange?: boolean; eligibility?: Eligibility; domains?: string[] };
}

interface AwardSpec {
  slug: string;
  kind: NomineeKind;
  description: [string, string];
  theme?: [string, string];
  criteria: [string, string];
  maxAge?: number;
  nominationWindow: [number, number];
  perMember: number;
  categories: Array<[slug: string, nl: string, en: string]>;
  rounds: RoundSpec[];
  juryCriteria: Array<{ nl: string; en: string; descriptionNl: string; descriptionEn: string; weight: number }>;
}

const CRITERIA: AwardSpec["juryCriteria"] = [
  {
    nl: "Impact",
    en: "Impact",
    descriptionNl: "Wat is er voor inwoners, bedrijven of collega's beter geworden?",
    descriptionEn: "What improved for residents, businesses or colleagues?",
    weight: 2,
  },
  {
    nl: "Vakmanschap",
    en: "Craftsmanship",
    descriptionNl: "Kennis, zorgvuldigheid en lef in het werk.",
    descriptionEn: "Knowledge, care and courage in the work.",
    weight: 1,
  },
  {
    nl: "Samenwerking",
    en: "Collaboration",
    descriptionNl: "Verbinding binnen en buiten de eigen organisatie.",
    descriptionEn: "Connecting within and beyond the own organisation.",
    weight: 1,
  },
];

export const AWARD_SPECS: AwardSpec[] = (
  [
    {
      slug: "top-100-ambtenaar",
      kind: "person",
      description: [
        "Collega's nomineren ambtenaren die het verschil maken. Het publiek stemt: dat geeft de Top 100 en de publieksprijs. De twee hoogst geplaatsten per categorie gaan door naar de jury.",
        "Colleagues nominate civil servants who make a difference. The public votes: that gives the Top 100 and the public prize. The top two per category go on to the jury.",
      ],
      criteria: [
        "Impact voor de samenleving, vakmanschap, samenwerking en voorbeeldfunctie.",
        "Impact on society, craftsmanship, collaboration and being an example.",
      ],
      nominationWindow: [-30, 21],
      perMember: 5,
      categories: [
        ["rijk-management", "Rijk — management", "Central government — management"],
        ["rijk-beleid", "Rijk — beleid", "Central government — policy"],
        ["rijk-uitvoering", "Rijk — uitvoering", "Central government — operations"],
        ["decentraal-management", "Decentraal — management", "Local government — management"],
        ["decentraal-beleid", "Decentraal — beleid", "Local government — policy"],
        ["decentraal-uitvoering", "Decentraal — uitvoering", "Local government — operations"],
      ],
      rounds: [
        {
          kind: "public_vote",
          nl: "Publieksstemming",
          en: "Public vote",
          opens: 22,
          closes: 36,
          source: "all",
          advancement: "top_k",
          k: 2,
          voting: { mode: "approval", max: 5, allowChange: true },
        },
        { kind: "jury", nl: "Jurering", en: "Jury", opens: 38, closes: 52, advancement: "none" },
      ],
    },
    {
      slug: "jonge-ambtenaar",
      kind: "person",
      description: [
        "Voor ambtenaren tot en met 35 jaar die laten zien hoe de overheid van morgen werkt. Drie finalisten, een juryprijs en een publieksprijs, uitgereikt op een live-avond.",
        "For civil servants aged 35 or younger who show how tomorrow's government works. Three finalists, a jury prize and a public prize, awarded at a live evening.",
      ],
      theme: ["Vakmanschap in verandering", "Craftsmanship in times of change"],
      criteria: ["Lef, vernieuwing, verbinding en resultaat.", "Courage, innovation, connection and results."],
      maxAge: 35,
      nominationWindow: [-60, -7],
      perMember: 3,
      categories: [["algemeen", "Algemeen", "General"]],
      rounds: [
        {
          kind: "organizer_selection",
          nl: "Selectie finalisten",
          en: "Selection of finalists",
          opens: -7,
          closes: -4,
          source: "all",
          advancement: "organizer",
          k: 3,
          // The finalists' motivations are public beside the public vote.
          showMotivations: true,
        },
        {
          kind: "public_vote",
          nl: "Publieksprijs",
          en: "Public prize",
          opens: -3,
          closes: 10,
          advancement: "none",
          voting: { mode: "single", max: 1, allowChange: true },
        },
        { kind: "jury", nl: "Juryprijs", en: "Jury prize", opens: 12, closes: 24, advancement: "none" },
        { kind: "live_vote", nl: "Stemming in de zaal", en: "Vote in the room", opens: null, closes: null, advancement: "none" },
      ],
    },
    {
      slug: "overheidsmanager",
      kind: "person",
      description: [
        "De vakjury kiest uit ruim honderd genomineerden een shortlist van acht, interviewt hen, en kiest drie finalisten en een winnaar.",
        "The expert jury chooses a shortlist of eight from over a hundred nominees, interviews them, and picks three finalists and a winner.",
      ],
      criteria: [
        "Leiderschap, resultaat, integriteit en ontwikkeling van mensen.",
        "Leadership, results, integrity and developing people.",
      ],
      nominationWindow: [-90, -40],
      perMember: 3,
      categories: [["algemeen", "Algemeen", "General"]],
      rounds: [
        {
          kind: "jury",
          nl: "Shortlist",
          en: "Shortlist",
          opens: -38,
          closes: -10,
          source: "all",
          advancement: "top_k",
          k: 8,
          // The demo has one juror's sheets for this closed round.
          minScores: 1,
        },
        { kind: "jury", nl: "Interviews", en: "Interviews", opens: -8, closes: 14, advancement: "top_k", k: 3 },
        { kind: "jury", nl: "Finale", en: "Final", opens: 20, closes: 30, advancement: "top_k", k: 1 },
      ],
    },
    {
      slug: "overheidsorganisatie-2-0",
      kind: "organisation",
      description: [
        "Voor de overheidsorganisatie die het best laat zien hoe samenwerken, delen en digitaal werken de dienstverlening beter maakt. Eerst een korte pitch, daarna een verhaal van één pagina.",
        "For the government organisation that best shows how collaboration, sharing and working digitally improve public services. First a short pitch, then a one-page story.",
      ],
      criteria: [
        "Samenwerking, openheid en digitale dienstverlening, elk even zwaar.",
        "Collaboration, openness and digital services, weighted equally.",
      ],
      nominationWindow: [-20, 30],
      perMember: 2,
      categories: [
        ["samenwerking", "Samenwerking", "Collaboration"],
        ["open-overheid", "Open overheid", "Open government"],
        ["digitale-dienstverlening", "Digitale dienstverlening", "Digital services"],
      ],
      rounds: [
        {
          kind: "jury",
          nl: "Longlist naar tien",
          en: "Longlist to ten",
          opens: 32,
          closes: 45,
          source: "all",
          advancement: "top_k",
          k: 10,
        },
        { kind: "jury", nl: "Drie finalisten", en: "Three finalists", opens: 47, closes: 60, advancement: "top_k", k: 3 },
        { kind: "jury", nl: "Winnaar", en: "Winner", opens: 62, closes: 70, advancement: "top_k", k: 1 },
      ],
    },
  ] as Array<Omit<AwardSpec, "juryCriteria">>
).map((spec) => ({ ...spec, juryCriteria: CRITERIA }));

export const FIRST = [
  "Anouk",
  "Bram",
  "Chantal",
  "Daan",
  "Esther",
  "Fatima",
  "Gert-Jan",
  "Hanna",
  "Ilse",
  "Jeroen",
  "Karim",
  "Lotte",
  "Mehmet",
  "Noor",
  "Olga",
  "Pieter",
  "Renée",
  "Sanne",
  "Thijs",
  "Ümit",
  "Vera",
  "Willem",
  "Yara",
  "Zoë",
  "Joost",
  "Marloes",
  "Sevda",
  "Ruben",
  "Inge",
  "Bas",
];
export const LAST = [
  "de Vries",
  "Jansen",
  "Bakker",
  "Visser",
  "Smit",
  "Meijer",
  "de Boer",
  "Mulder",
  "de Groot",
  "Bos",
  "Vos",
  "Peters",
  "Hendriks",
  "van Dijk",
  "El Amrani",
  "Yılmaz",
  "Kramer",
  "van der Linden",
  "Brouwer",
  "de Jong",
  "Dekker",
  "Verhoeven",
  "Postma",
  "Koç",
  "van den Berg",
];
export const RIJK = [
  "Ministerie van Binnenlandse Zaken",
  "Ministerie van Financiën",
  "Rijkswaterstaat",
  "Belastingdienst",
  "Dienst Uitvoering Onderwijs",
  "UWV",
  "Ministerie van Justitie en Veiligheid",
  "Logius",
  "Centraal Bureau voor de Statistiek",
  "Rijksdienst voor Ondernemend Nederland",
];
export const DECENTRAAL = [
  "Gemeente Utrecht",
  "Gemeente Zwolle",
  "Gemeente Groningen",
  "Provincie Gelderland",
  "Waterschap Rivierenland",
  "Gemeente Eindhoven",
  "Gemeente Almere",
  "Provincie Noord-Holland",
  "Veiligheidsregio Twente",
  "Gemeente Leeuwarden",
];
export const ORGS = [
  "Gemeente Deventer",
  "Kadaster",
  "Provincie Zeeland",
  "Waterschap De Dommel",
  "Gemeente Apeldoorn",
  "Dienst ICT Uitvoering",
  "Gemeente Den Bosch",
  "Omgevingsdienst Haaglanden",
  "Gemeente Tilburg",
  "RDW",
  "Gemeente Enschede",
  "Provincie Utrecht",
  "Nationaal Archief",
  "Gemeente Arnhem",
  "Rijksdienst voor het Cultureel Erfgoed",
  "Gemeente Breda",
  "SVB",
  "Gemeente Nijmegen",
  "Waterschap Aa en Maas",
  "Gemeente Haarlem",
];
export const DEEDS = [
  "heeft de wachttijd voor aanvragen gehalveerd door het proces samen met inwoners opnieuw te ontwerpen",
  "bracht drie afdelingen die nooit samenwerkten aan één tafel en loste zo een probleem van jaren op",
  "zorgde dat mensen met schulden sneller en menselijker geholpen worden",
  "begeleidt nieuwe collega's met geduld en humor, en iedereen wordt er beter van",
  "maakte open data van de organisatie echt bruikbaar voor journalisten en onderzoekers",
  "hield het hoofd koel tijdens de crisis en hield iedereen op de hoogte",
  "vertaalt ingewikkeld beleid naar taal die iedereen begrijpt",
  "zette een programma op waarmee jongeren stage lopen bij de overheid",
];
export const CLOSERS = [
  "Zonder haar of hem was dit nooit gelukt.",
  "Een voorbeeld voor de hele organisatie.",
  "Dit verdient erkenning, ver buiten ons team.",
  "Bescheiden, maar met enorme impact.",
];
const PITCHES = [
  "Wij maakten van elk formulier een gesprek: minder papier, snellere hulp.",
  "Onze data staan open voor iedereen, en inwoners bouwen er zelf apps mee.",
  "Samen met vijf buurgemeenten één loket voor ondernemers.",
  "Een chatbot die doorverwijst naar een mens als het ertoe doet.",
];

/** A small deterministic generator, so demo data is the same on every machine. */
export function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export async function seedAwards(
  trx: Transaction<DB>,
  awardIds: Record<string, string>,
  members: string[],
  organizerId: string | null,
  jurorId: string | null = null,
) {
  const rand = prng(20261123);
  const pick = <T>(list: T[]): T => list[Math.floor(rand() * list.length)]!;
  const now = Date.now();
  const at = (days: number | null) => (days === null ? null : new Date(now + days * DAY));
  const year = new Date().getFullYear();

  for (const spec of AWARD_SPECS) {
    const awardId = awardIds[spec.slug]!;
    await trx
      .updateTable("award")
      .set({ description_nl: spec.description[0], description_en: spec.description[1] })
      .where("id", "=", awardId)
      .execute();
    const edition = await trx
      .updateTable("edition")
      .set({
        description_nl: spec.description[0],
        description_en: spec.description[1],
        theme_nl: spec.theme?.[0] ?? "",
        theme_en: spec.theme?.[1] ?? "",
        criteria_nl: spec.criteria[0],
        criteria_en: spec.criteria[1],
        nominee_kind: spec.kind,
        max_nominee_age: spec.maxAge ?? null,
        nomination_opens_at: at(spec.nominationWindow[0]),
        nomination_closes_at: at(spec.nominationWindow[1]),
        nominations_per_member: spec.perMember,
      })
      .where("award_id", "=", awardId)
      .where("year", "=", year)
      .returning("id")
      .executeTakeFirstOrThrow();
    const existing = await trx.selectFrom("category").select("id").where("edition_id", "=", edition.id).executeTakeFirst();
    if (existing) continue; // already seeded: rounds may have opened and are locked

    const categories = [];
    for (const [i, [slug, nl, en]] of spec.categories.entries()) {
      categories.push(
        await trx
          .insertInto("category")
          .values({ edition_id: edition.id, slug, name_nl: nl, name_en: en, position: i })
          .returning(["id", "slug"])
          .executeTakeFirstOrThrow(),
      );
    }
    for (const [i, r] of spec.rounds.entries()) {
      // Inserted unopened, so a jury round can get its criteria (they lock once the round opens).
      const round = await trx
        .insertInto("round")
        .values({
          edition_id: edition.id,
          position: i + 1,
          kind: r.kind,
          name_nl: r.nl,
          name_en: r.en,
          opens_at: null,
          closes_at: null,
          source: r.source ?? "previous",
          advancement: r.advancement,
          advance_k: r.k ?? null,
          ballot_mode: r.voting?.mode ?? "single",
          max_choices: r.voting?.max ?? 1,
          allow_change: r.voting?.allowChange ?? false,
          eligibility: r.voting?.eligibility ?? "verified",
          eligible_domains: r.voting?.domains ?? [],
          min_scores: r.minScores ?? 3,
          show_motivations: r.showMotivations ?? false,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      if (r.kind === "jury") {
        for (const [j, c] of spec.juryCriteria.entries()) {
          await trx
            .insertInto("criterion")
            .values({
              round_id: round.id,
              position: j + 1,
              name_nl: c.nl,
              name_en: c.en,
              description_nl: c.descriptionNl,
              description_en: c.descriptionEn,
              weight: c.weight,
              scale_min: 1,
              scale_max: 10,
              comment_below: 4,
              anchors: JSON.stringify({ "1": "zwak", "5": "voldoende", "10": "uitmuntend" }) as unknown as Record<string, string>,
            })
            .execute();
        }
      }
    }

    // Nominators take turns, so every demo member stays within the edition's cap.
    let turn = 0;
    const nextNominator = () => members[turn++ % members.length]!;
    for (let n = 0; n < 50; n++) {
      const category = categories[n % categories.length]!;
      const isOrg = spec.kind === "organisation";
      const name = isOrg
        ? ORGS[n % ORGS.length]! + (n >= ORGS.length ? ` (${Math.floor(n / ORGS.length) + 1})` : "")
        : `${pick(FIRST)} ${pick(LAST)}`;
      const organisation = isOrg ? "" : category.slug.startsWith("rijk") ? pick(RIJK) : pick(DECENTRAAL);
      // Mostly candidates; every 10th waits for moderation, every 12th for the nominee's consent.
      const status = n % 10 === 9 ? "pending" : "approved";
      const consent = n % 12 === 11 ? "pending" : "accepted";
      const nominee = await trx
        .insertInto("nominee")
        .values({
          edition_id: edition.id,
          category_id: category.id,
          kind: spec.kind,
          name,
          organisation,
          contact_email: isOrg
            ? `info@${name.toLowerCase().replace(/[^a-z]+/g, "-")}.example.nl`
            : `${name.toLowerCase().replace(/[^a-z]+/g, ".")}@example.nl`,
          age: spec.maxAge ? 24 + (n % 11) : null,
          pitch: isOrg ? pick(PITCHES) : "",
          story: isOrg ? `${pick(PITCHES)} ${name} ${pick(DEEDS)}. ${pick(CLOSERS)}` : "",
          status,
          consent_status: consent,
          consent_at: consent === "accepted" ? new Date() : null,
          created_by: null,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const supporters = 1 + (n % 2);
      for (let s = 0; s < supporters; s++) {
        const who = isOrg ? "Deze organisatie" : name.split(" ")[0];
        await trx
          .insertInto("nomination")
          .values({
            edition_id: edition.id,
            nominee_id: nominee.id,
            submitted_for_nominee_id: nominee.id,
            nominator_id: nextNominator(),
            motivation: `${who} ${pick(DEEDS)}. ${pick(CLOSERS)}`,
            relation: s === 0 ? "collega" : "samenwerkingspartner",
            is_supporting: s > 0,
          })
          .execute();
      }
    }
    // The rounds open one after the other: each waits for the one before it to be decided.
    await seedVotingState(trx, edition.id, spec, members, jurorId, organizerId, (days) => at(days));
  }
  if (organizerId) {
    // The demo organizer runs every demo award.
    for (const awardId of Object.values(awardIds)) {
      await trx
        .insertInto("role_grant")
        .values({ user_id: organizerId, role: "organizer", award_id: awardId, edition_id: null, book_project_id: null })
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
  }
}

const RECEIPT = "ABCDEFGHJKMNPQRSTVWXYZ23456789";
const receipt = () => {
  const c = Array.from({ length: 12 }, () => RECEIPT[randomInt(RECEIPT.length)]).join("");
  return `${c.slice(0, 4)}-${c.slice(4, 8)}-${c.slice(8)}`;
};

/**
 * A demo edition mid-procedure, run round by round through the organizers' services: a closed
 * organizer selection has chosen (and announced) three finalists per category, a closed jury
 * shortlist has been decided from its sheets and confirmed, and an open public vote already has
 * ballots from demo members. A round gets its window only after the round before it is decided:
 * a selection is locked once a later round has opened.
 */
async function seedVotingState(
  trx: Transaction<DB>,
  editionId: string,
  spec: AwardSpec,
  members: string[],
  jurorId: string | null,
  organizerId: string | null,
  at: (days: number | null) => Date | null,
) {
  // The demo juror sits on every demo jury (all categories).
  if (jurorId) {
    await trx
      .insertInto("jury_member")
      .values({ edition_id: editionId, user_id: jurorId })
      .onConflict((oc) => oc.doNothing())
      .execute();
    const granted = await trx
      .selectFrom("role_grant")
      .select("id")
      .where("user_id", "=", jurorId)
      .where("role", "=", "jury")
      .where("edition_id", "=", editionId)
      .executeTakeFirst();
    if (!granted) {
      await trx
        .insertInto("role_grant")
        .values({ user_id: jurorId, role: "jury", award_id: null, edition_id: editionId, book_project_id: null })
        .execute();
    }
  }
  const actor = { actorId: organizerId };
  const categories = await trx.selectFrom("category").select(["id", "name_nl as name"]).where("edition_id", "=", editionId).execute();
  const rounds = await trx.selectFrom("round").select(["id", "position"]).where("edition_id", "=", editionId).orderBy("position").execute();
  const now = Date.now();
  for (const { id, position } of rounds) {
    const r = spec.rounds[position - 1]!;
    const round = await trx
      .updateTable("round")
      .set({ opens_at: at(r.opens), closes_at: at(r.closes) })
      .where("id", "=", id)
      .returningAll()
      .returning(sql<Date>`now()`.as("db_now"))
      .executeTakeFirstOrThrow();
    const closed = round.closes_at !== null && round.closes_at.getTime() < now;
    const open = round.opens_at !== null && round.opens_at.getTime() <= now && !closed;
    const candidates = await roundCandidates(trx, round);
    if (round.kind === "organizer_selection" && round.advancement === "organizer" && closed) {
      // The organizers' picks: the first few per category by name, each with a motivation.
      const perCategory = new Map<string, number>();
      const picks = candidates
        .filter((c) => {
          const n = perCategory.get(c.category_id) ?? 0;
          perCategory.set(c.category_id, n + 1);
          return n < (round.advance_k ?? 0);
        })
        .map((c) => ({ nomineeId: c.id, motivation: `${c.name.split(" ")[0]} ${DEEDS[c.name.length % DEEDS.length]}.` }));
      expectOk(await saveSelection(trx, actor, round, categories, picks));
      expectOk(await confirmShortlist(trx, actor, round, categories));
    }
    if (round.kind === "jury" && round.advancement === "top_k" && closed && jurorId) {
      // The demo juror's sheets, recorded inside the window (an archive import), decide the shortlist.
      const criteria = await trx.selectFrom("criterion").select(["id", "weight"]).where("round_id", "=", id).orderBy("position").execute();
      const scoredAt = new Date(round.closes_at!.getTime() - DAY);
      await sql`set local lauwer.archive_import = 'on'`.execute(trx);
      const rows = candidates.flatMap((c, i) =>
        criteria.map((crit, j) => ({
          round_id: id,
          juror_id: jurorId,
          nominee_id: c.id,
          criterion_id: crit.id,
          // The first K stand out, each a step apart (weights 2, 1, 1); the rest score 5 throughout.
          score: i < (round.advance_k ?? 0) ? 10 - Math.floor((j === 0 ? i : i + 1) / 2) : 5,
          comment: "",
          updated_at: scoredAt,
        })),
      );
      if (rows.length) await trx.insertInto("jury_score").values(rows).execute();
      await sql`set local lauwer.archive_import = ''`.execute(trx);
      await ensureJuryAdvanced(trx, id);
      expectOk(await confirmShortlist(trx, actor, round, categories));
    }
    if (round.kind === "public_vote" && open && candidates.length && round.source === "previous") {
      // Two thirds of the members have voted already; the choices spread unevenly over the finalists.
      const voters = members.slice(0, Math.floor((members.length * 2) / 3));
      for (const [i, voterId] of voters.entries()) {
        const choice = candidates[(i * i) % candidates.length]!;
        const code = receipt();
        const ballot = await trx
          .insertInto("ballot")
          .values({ round_id: id, edition_id: editionId, category_id: choice.category_id, voter_id: voterId, receipt_code: code })
          .returning("id")
          .executeTakeFirstOrThrow();
        await trx
          .insertInto("ballot_choice")
          .values({ ballot_id: ballot.id, category_id: choice.category_id, nominee_id: choice.id, rank: 1 })
          .execute();
        await trx
          .insertInto("ballot_revision")
          .values({ ballot_id: ballot.id, version: 1, receipt_code: code, choices: [choice.id] })
          .execute();
      }
    }
  }
}

/** The demo runs the organizers' services; a refusal there is a bug in the demo data. */
function expectOk(outcome: { ok: boolean; error?: string }) {
  if (!outcome.ok) throw new Error(`demo seed refused: ${outcome.error}`);
}
