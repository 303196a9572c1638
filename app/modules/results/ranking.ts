// Placing candidates in a prize ranking: pure, shared by the results service and its tests.

export interface Entry {
  nominee: string;
  name: string;
  organisation: string;
  category: string;
  votes?: number;
  points?: number;
  jury?: number | null;
  public?: number;
  combined?: number;
  first?: number;
}
export interface Placed extends Entry {
  place: number;
  tied: boolean;
  tieBrokenBy?: TieBreak;
}

export type TieBreak = "jury" | "public" | "firstPreferences";
export interface RankKey {
  name: TieBreak | "primary";
  get: (e: Entry) => number | null | undefined;
}

/**
 * Competition ranking on the primary key (higher first). Equal primary scores are broken by the
 * next keys in order, and the entry says which rule broke it (`tieBrokenBy`); entries equal on every
 * key share a place and are marked tied.
 */
export function placeBy(entries: Entry[], keys: RankKey[]): Placed[] {
  const val = (e: Entry, k: RankKey) => k.get(e) ?? -Infinity;
  const cmp = (a: Entry, b: Entry) => {
    for (const k of keys) {
      const d = val(b, k) - val(a, k);
      if (d !== 0) return d;
    }
    return a.nominee < b.nominee ? -1 : 1;
  };
  const sorted = [...entries].sort(cmp);
  const out: Placed[] = [];
  sorted.forEach((e, i) => {
    const prev = out[i - 1];
    const same = prev !== undefined && keys.every((k) => val(prev, k) === val(e, k));
    out.push({ ...e, place: same ? prev.place : i + 1, tied: false });
  });
  for (const p of out) {
    p.tied = out.filter((o) => o.place === p.place).length > 1;
    const samePrimary = out.filter((o) => o !== p && val(o, keys[0]!) === val(p, keys[0]!));
    if (samePrimary.length && !p.tied) {
      const decisive = keys.slice(1).find((k) => samePrimary.some((o) => val(o, k) !== val(p, k)));
      if (decisive && decisive.name !== "primary") p.tieBrokenBy = decisive.name;
    }
  }
  return out;
}
