import { data, redirect, type AppLoadContext } from "@remix-run/node";
import type { Params } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { config } from "~/config.server";
import { getDb, isDatabaseUnavailable, retryWhileUnavailable } from "~/db.server";
import type { Locale } from "~/i18n/i18n";
import { formFailure, parseForm, type FormFailure } from "~/lib/forms.server";
import { withNotice } from "~/lib/notice";
import { loadEdition } from "~/modules/awards/edition.server";
import { hit } from "~/modules/rate-limit/rate-limit.server";
import { castBallot, deviceHash, ownBallot, type CastError } from "./ballot.server";
import { deviceCookie, deviceIdFrom } from "./device.server";
import {
  candidateSource,
  categoryBySlug,
  eligibility,
  sourceUnpublished,
  loadVotingRound,
  roundCandidates,
  roundName,
  roundState,
} from "./round.server";
import { BallotFormSchema, type BallotForm } from "./ballot.schema";
import { parseChoiceList, selectionFromForm } from "./rules";

// The ballot page's loader and action (shared by the public vote and the live vote on a phone).

async function loadBallotContext(params: Params, locale: Locale) {
  const db = getDb();
  const edition = await loadEdition(db, params.award, params.year, locale);
  const round = await loadVotingRound(db, edition.id, params.position);
  const category = categoryBySlug(edition, params.category);
  return { db, edition, round, category };
}

export async function ballotLoader(request: Request, context: AppLoadContext, params: Params) {
  const { db, edition, round, category } = await loadBallotContext(params, context.locale);
  const user = context.user;
  // Who advanced from an unpublished vote stays secret: the ballot waits for those results.
  const waiting = await sourceUnpublished(db, await candidateSource(db, round));
  const [candidates, own, elig] = await Promise.all([
    waiting ? Promise.resolve([]) : roundCandidates(db, round, category.id),
    user ? ownBallot(db, round.id, category.id, user.id) : null,
    user ? eligibility(db, round, user) : null,
  ]);
  const device = user ? deviceCookie(request) : null;
  const payload = {
    edition: { name: edition.name, awardSlug: edition.awardSlug, year: edition.year },
    round: {
      position: round.position,
      kind: round.kind,
      name: roundName(round, context.locale),
      state: roundState(round),
      opensAt: round.opens_at?.toISOString() ?? null,
      closesAt: round.closes_at?.toISOString() ?? null,
      mode: round.ballot_mode,
      maxChoices: round.max_choices,
      allowChange: round.allow_change,
    },
    category: { slug: category.slug, name: category.name },
    otherCategories: edition.categories.filter((c) => c.id !== category.id).map((c) => ({ slug: c.slug, name: c.name })),
    candidates: candidates.map((c) => ({ id: c.id, name: c.name, organisation: c.organisation })),
    signedIn: Boolean(user),
    waiting,
    ineligible: elig && !elig.ok ? elig.reason : null,
    own,
  };
  return data(payload, device?.header ? { headers: { "Set-Cookie": device.header } } : undefined);
}

const CAST_STATUS: Record<CastError, number> = { closed: 409, notEligible: 403, invalidChoice: 400, alreadyVoted: 409, voided: 409 };

/**
 * The edition and round behind a ballot submission, kept for a few seconds per process: at the
 * closing-hour peak every submission would otherwise re-read the same rows. Safe because a round's
 * rules are locked once it opens (round trigger), and the window, eligibility and candidates are
 * checked again by the ballot statement itself with the database clock.
 */
const CONTEXT_TTL_MS = 5_000;
const contextCache = new Map<string, { expires: number; value: ReturnType<typeof loadBallotContext> }>();
function cachedBallotContext(params: Params, locale: Locale) {
  const key = `${params.award}/${params.year}/${params.position}/${params.category}/${locale}`;
  const now = Date.now();
  const hit = contextCache.get(key);
  if (hit && hit.expires > now) return hit.value;
  if (contextCache.size > 1000) contextCache.clear();
  const value = loadBallotContext(params, locale);
  contextCache.set(key, { expires: now + CONTEXT_TTL_MS, value });
  value.catch(() => contextCache.delete(key));
  return value;
}

export type BallotActionData =
  FormFailure | { ok: true; review: { choices: Array<{ id: string; name: string; rank: number }>; list: string } };

export async function ballotAction(request: Request, context: AppLoadContext, params: Params) {
  // During a database outage the session could not be read: answer below, with the choices kept.
  const user = context.outage ? null : requireUser(request, context);
  const parsed = await parseForm(request, BallotFormSchema);
  if (!parsed.ok) return formFailure(400, parsed);
  // Nothing was stored (or, if the connection broke as the ballot committed, the next try finds it
  // and shows it as stored): say so plainly and keep the voter's choices in the form.
  const notStored = () =>
    data<FormFailure>(
      { ok: false, fieldErrors: {}, formError: "voting.errors.notStored", values: { choices: parsed.data.choices } },
      { status: 503, headers: { "Retry-After": "5" } },
    );
  if (!user) return notStored();
  try {
    return await submitBallot(request, context, params, user, parsed);
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    return notStored();
  }
}

async function submitBallot(
  request: Request,
  context: AppLoadContext,
  params: Params,
  user: NonNullable<AppLoadContext["user"]>,
  parsed: { data: BallotForm; raw: Record<string, string> },
) {
  const { db, edition, round, category } = await cachedBallotContext(params, context.locale);
  const page = `/prijzen/${edition.awardSlug}/${edition.year}/ronde/${round.position}/${category.slug}`;
  const sourceRoundId = await candidateSource(db, round);
  if (await sourceUnpublished(db, sourceRoundId)) return formFailure(409, { fieldErrors: {}, formError: "voting.errors.waiting" });

  if (parsed.data.intent === "review") {
    // Nothing is written: the voter sees a summary and confirms it (or goes back) in a second step.
    const candidates = await roundCandidates(db, round, category.id);
    const selection = selectionFromForm(
      parsed.raw,
      round.ballot_mode,
      round.max_choices,
      candidates.map((c) => c.id),
    );
    if (!selection.ok)
      return formFailure(400, { fieldErrors: {}, formError: selection.error, formErrorParams: selection.params, values: parsed.raw });
    const byId = new Map(candidates.map((c) => [c.id, c.name]));
    return {
      ok: true as const,
      review: { choices: selection.choices.map((id, i) => ({ id, name: byId.get(id)!, rank: i + 1 })), list: selection.choices.join(",") },
    };
  }

  const [accountWait, ipWait] = await Promise.all([hit("voteAccount", user.id), hit("voteIp", context.ip ?? "unknown")]);
  const wait = Math.max(accountWait, ipWait);
  if (wait > 0) {
    return data<FormFailure>(
      { ok: false, fieldErrors: {}, formError: "voting.errors.rateLimited", formErrorParams: { seconds: wait }, values: {} },
      { status: 429, headers: { "Retry-After": String(wait) } },
    );
  }
  const choices = parseChoiceList(parsed.data.choices, round.max_choices);
  if (!choices) return formFailure(400, { fieldErrors: {}, formError: "voting.errors.invalidChoice" });
  // A ballot is safe to submit again: the same choices come back as the stored ballot. So when the
  // connection breaks mid-way, try again for a moment before telling the voter it did not work.
  const result = await retryWhileUnavailable(
    () =>
      castBallot(db, {
        round,
        sourceRoundId,
        categoryId: category.id,
        voter: { id: user.id, email: user.email, name: user.name, locale: user.locale as Locale, emailVerified: user.emailVerified },
        choices,
        ip: context.ip ?? null,
        device: deviceHash(deviceIdFrom(request)),
        mail: { award: edition.name, category: category.name, link: `${config().origin}/mijn-stemmen` },
      }),
    2000,
  );
  if (!result.ok) return formFailure(CAST_STATUS[result.error], { fieldErrors: {}, formError: `voting.errors.${result.error}` });
  return redirect(
    withNotice(
      page,
      result.unchanged
        ? round.allow_change
          ? "voting.notice.unchanged"
          : "voting.notice.alreadyStored"
        : result.version > 1
          ? "voting.notice.changed"
          : "voting.notice.cast",
    ),
    303,
  );
}
