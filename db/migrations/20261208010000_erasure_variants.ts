import { sql, type Kysely } from "kysely";

// Erasing a person finds what people write, not only the exact spelling (issue #19 finding 4, ADR 0042):
// a term matches in any case, with or without its diacritics ("José" ~ "Jose" ~ "JOSÉ"), with any run of
// white space or hyphens between its words (two spaces, a line break, "\n" as it appears inside JSON
// text, "Pérez-Zwaluw" for "Perez Zwaluw" and the other way round), an apostrophe of either kind, and a short
// suffix after it (possessive or plural: "Jansen's", "Jansens"), still as a whole word ("Jansenstraat"
// is not erased). lauwer_term_regex builds one regular expression per term; the app stores them in the
// erasure spec (spec->'patterns') once per erasure, and lauwer_erase_text and the append-only triggers
// (which recompute the allowed rewrite from the same spec) use them. A spec without patterns (written
// by older code) is matched as before, through the same function.

const GROUPS = [
  "aàáâãäåāăąAÀÁÂÃÄÅĀĂĄ",
  "cçćčCÇĆČ",
  "dďđDĎĐ",
  "gğģGĞĢ",
  "eèéêëēĕėęěEÈÉÊËĒĔĖĘĚ",
  "iìíîïĩīĭįıIÌÍÎÏĨĪĬĮİ",
  "lĺľłLĹĽŁ",
  "nñńňNÑŃŇ",
  "oòóôõöøōŏőOÒÓÔÕÖØŌŎŐ",
  "rŕřRŔŘ",
  "sśšşșSŚŠŞȘ",
  "tťţțTŤŢȚ",
  "uùúûüũūŭůűųUÙÚÛÜŨŪŬŮŰŲ",
  "yýÿYÝŸ",
  "zźżžZŹŻŽ",
];

export async function up(db: Kysely<any>): Promise<void> {
  // The body of the pattern: each letter as the class of its accented forms, white space and the
  // joiners between name parts as their variants, everything else escaped.
  await sql`create function lauwer_term_core(term text) returns text language plpgsql immutable as $$
    declare
      groups text[] := ${sql.lit(`{${GROUPS.join(",")}}`)}::text[];
      t text := btrim(regexp_replace(normalize(coalesce(term, ''), NFC), '[[:space:]\u00a0\u2009\u202f‐–-]+', ' ', 'g'));
      out text := '';
      c text;
      g text;
      hit text;
    begin
      foreach c in array regexp_split_to_array(t, '') loop
        hit := null;
        foreach g in array groups loop
          if position(c in g) > 0 then hit := '[' || g || ']'; exit; end if;
        end loop;
        if hit is not null then out := out || hit;
        elsif c = ' ' then out := out || '(?:[-‐–[:space:]\u00a0\u2009\u202f]|\\\\[nrt])+';
        elsif c in ('''', '’', '‘', '\`') then out := out || '[''’‘\`]';
        elsif c ~ '[[:alnum:]]' then out := out || c;
        else out := out || '\\' || c;
        end if;
      end loop;
      return out;
    end $$`.execute(db);

  // The whole-word pattern with an optional short suffix: not preceded or followed by a letter or digit.
  await sql`create function lauwer_term_regex(term text) returns text language sql immutable as $$
    select '(?<![[:alnum:]_])' || lauwer_term_core(term) || '(?:[''’]?s)?(?![[:alnum:]_])'
  $$`.execute(db);

  await sql`create or replace function lauwer_erase_text(t text, spec jsonb) returns text language plpgsql immutable as $$
    declare
      p text;
    begin
      if t is null or spec is null then return t; end if;
      for p in
        select jsonb_array_elements_text(spec->'patterns') where spec ? 'patterns'
        union all
        select lauwer_term_regex(x) from jsonb_array_elements_text(spec->'terms') x where not spec ? 'patterns'
      loop
        t := regexp_replace(t, p, spec->>'mask', 'gi');
      end loop;
      return t;
    end $$`.execute(db);

  // The book's history (a portrait's versions, the comments on them) stays append-only, but an
  // erasure may mask a person's name in its text (finding 2, the data map's "Gap today"): only the
  // body changes, to exactly lauwer_erase_text(old body) cut back to the column's limit (the tables'
  // length checks), and nothing else in the row.
  for (const [fn, table, limit] of [
    ["book_version_append_only", "book_manuscript_version", 100000],
    ["book_comment_append_only", "book_manuscript_comment", 5000],
  ] as const) {
    const extra =
      fn === "book_version_append_only"
        ? `if not old.submitted and new.submitted
           and lauwer_locked_part(to_jsonb(new), tg_relid, array['submitted']) is not distinct from lauwer_locked_part(to_jsonb(old), tg_relid, array['submitted']) then
          return new;
        end if;
        `
        : "";
    await sql`create or replace function ${sql.raw(fn)}() returns trigger language plpgsql as $$
    declare
      spec jsonb := lauwer_erasure_spec();
      erased text;
    begin
      if tg_op = 'UPDATE' then
        ${sql.raw(extra)}if old.author_id is not null and new.author_id is null
           and lauwer_locked_part(to_jsonb(new), tg_relid, array['author_id']) is not distinct from lauwer_locked_part(to_jsonb(old), tg_relid, array['author_id']) then
          return new;
        end if;
        if spec is not null
           and lauwer_locked_part(to_jsonb(new), tg_relid, array['body']) is not distinct from lauwer_locked_part(to_jsonb(old), tg_relid, array['body']) then
          -- Exactly the masked text, cut back to the column's limit (a mask may be longer than a name).
          erased := left(lauwer_erase_text(old.body, spec), ${sql.raw(String(limit))});
          if new.body = erased then
            return new;
          end if;
        end if;
      end if;
      raise exception '${sql.raw(table)} is append-only' using errcode = 'insufficient_privilege';
    end $$`.execute(db);
  }

  // A published version's reason is free text an organizer typed (finding 5): an erasure masks a
  // person's name in it as in every other text, and only that; the body's rewrite and hash are checked
  // as before. The reason is not part of the hashed body, so published hashes keep verifying.
  await sql`create or replace function result_snapshot_append_only() returns trigger language plpgsql as $$
    declare
      spec jsonb := lauwer_erasure_spec();
      may_change constant text[] := array['body', 'sha256', 'reason'];
    begin
      if tg_op = 'UPDATE' and spec is not null then
        if lauwer_locked_part(to_jsonb(new), tg_relid, may_change) is not distinct from lauwer_locked_part(to_jsonb(old), tg_relid, may_change)
           and new.body::jsonb = lauwer_erase_jsonb(old.body::jsonb, spec)
           and new.reason is not distinct from lauwer_erase_text(old.reason, spec) then
          return new;
        end if;
      end if;
      raise exception 'result_snapshot is append-only' using errcode = 'insufficient_privilege';
    end $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  // As 20261203130000_deny_by_default_locks left them.
  await sql`create or replace function result_snapshot_append_only() returns trigger language plpgsql as $$
    declare
      spec jsonb := lauwer_erasure_spec();
      may_change constant text[] := array['body', 'sha256'];
    begin
      if tg_op = 'UPDATE' and spec is not null then
        if lauwer_locked_part(to_jsonb(new), tg_relid, may_change) is not distinct from lauwer_locked_part(to_jsonb(old), tg_relid, may_change)
           and new.body::jsonb = lauwer_erase_jsonb(old.body::jsonb, spec) then
          return new;
        end if;
      end if;
      raise exception 'result_snapshot is append-only' using errcode = 'insufficient_privilege';
    end $$`.execute(db);
  await sql`create or replace function book_version_append_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' then
        if not old.submitted and new.submitted
           and lauwer_locked_part(to_jsonb(new), tg_relid, array['submitted']) is not distinct from lauwer_locked_part(to_jsonb(old), tg_relid, array['submitted']) then
          return new;
        end if;
        if old.author_id is not null and new.author_id is null
           and lauwer_locked_part(to_jsonb(new), tg_relid, array['author_id']) is not distinct from lauwer_locked_part(to_jsonb(old), tg_relid, array['author_id']) then
          return new;
        end if;
      end if;
      raise exception 'book_manuscript_version is append-only' using errcode = 'insufficient_privilege';
    end $$`.execute(db);
  await sql`create or replace function book_comment_append_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' then
        if old.author_id is not null and new.author_id is null
           and lauwer_locked_part(to_jsonb(new), tg_relid, array['author_id']) is not distinct from lauwer_locked_part(to_jsonb(old), tg_relid, array['author_id']) then
          return new;
        end if;
      end if;
      raise exception 'book_manuscript_comment is append-only' using errcode = 'insufficient_privilege';
    end $$`.execute(db);
  await sql`create or replace function lauwer_erase_text(t text, spec jsonb) returns text language plpgsql immutable as $$
    declare
      term text;
    begin
      if t is null or spec is null then return t; end if;
      for term in select jsonb_array_elements_text(spec->'terms') loop
        t := regexp_replace(t,
          '(?<![[:alnum:]_])' || regexp_replace(term, '([\\\\^$.|?*+()\\[\\]{}])', '\\\\\\1', 'g') || '(?![[:alnum:]_])',
          spec->>'mask', 'gi');
      end loop;
      return t;
    end $$`.execute(db);
  await sql`drop function if exists lauwer_term_regex(text)`.execute(db);
  await sql`drop function if exists lauwer_term_core(text)`.execute(db);
}
