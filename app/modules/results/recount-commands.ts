// The commands the "check the results" page and docs/recount.md show: plain sha256sum, jq and node,
// nothing of ours to install. Client-safe; the file names are those the downloads carry.

export function downloadNames(award: string, year: number, version: number, round: number) {
  const base = `${award}-${year}-ronde${round}-v${version}`;
  return {
    results: `uitslag-${award}-${year}-v${version}.json`,
    ballotsJson: `stemmen-${base}.json`,
    ballotsCsv: `stemmen-${base}.csv`,
    receiptsJson: `stembewijzen-${base}.json`,
    receiptsCsv: `stembewijzen-${base}.csv`,
  };
}

/**
 * Recounts every published vote total of a round from its ballot list: votes are how often a
 * candidate is chosen; for a ranked vote points add maxChoices + 1 − rank and first preferences
 * count rank 1. Prints each difference and the verdict; exits 1 on a difference.
 */
export const RECOUNT_SCRIPT = [
  `const fs = require("fs"), r = JSON.parse(fs.readFileSync(process.argv[1])), b = JSON.parse(fs.readFileSync(process.argv[2]));`,
  `const n = {}; for (const [, c] of b.ballots) c.forEach((id, i) => { const t = (n[id] ??= { votes: 0, points: 0, first: 0 }); t.votes++; t.points += b.maxChoices - i; if (i === 0) t.first++; });`,
  `const round = r.recount.find((x) => x.round === b.round); let diff = 0, checked = 0;`,
  `for (const p of r.prizes) if (p.rules.public && p.rules.public.round === round.name.nl) for (const k of p.rankings) for (const e of k.ranking) {`,
  `  const t = n[e.nominee] ?? { votes: 0, points: 0, first: 0 }; checked++;`,
  `  for (const f of ["votes", "points", "first"]) if (e[f] !== undefined && e[f] !== t[f]) { diff++; console.log(e.name, f, e[f], "recounted", t[f]); } }`,
  `console.log(b.ballots.length === round.ballots ? b.ballots.length + " ballots" : "ballot count differs", "|", checked, "totals checked |", diff ? diff + " differences" : "drift 0");`,
  `process.exit(diff || b.ballots.length !== round.ballots ? 1 : 0);`,
].join("\n");

export function recountCommands(award: string, year: number, version: number, round: number) {
  const f = downloadNames(award, year, version, round);
  return {
    hashes: `sha256sum ${f.results} ${f.ballotsJson} ${f.receiptsJson}\njq -r '.recount[] | .round as $r | .files[] | "\\(.sha256)  ronde \\($r) \\(.name)"' ${f.results}`,
    recount: `node -e '\n${RECOUNT_SCRIPT}\n' ${f.results} ${f.ballotsJson}`,
    jq: `jq -r '.ballots[][1][]' ${f.ballotsJson} | sort | uniq -c | sort -rn`,
    receipt: `printf '%s' 'ABCD-EFGH-JKLM' | sha256sum\ngrep <hash> ${f.receiptsCsv}`,
  };
}
