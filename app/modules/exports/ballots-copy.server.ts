import { Transform, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import type { Locale } from "~/i18n/i18n";
import type { CsvSeparator } from "./writers.server";

// The anonymised ballots export as CSV, written by PostgreSQL: `COPY (SELECT …) TO STDOUT` on one pooled
// connection, the bytes passed on to the response as they come (ADR 0008). PostgreSQL computes every
// field exactly as the row-by-row writer (csv-stringify over `ballotRows`) does, so the file is the same
// byte for byte, about as fast as COPY itself and without a JavaScript object per row:
// - the pseudonym is HMAC-SHA256 over the voter id keyed by `edition.export_salt`, first 16 hex digits,
//   built from the core `sha256()` (RFC 2104; no pgcrypto needed) with the key pads derived in SQL, so
//   the secret never appears in the statement text;
// - dates are ISO 8601 in Europe/Amsterdam with the offset, whole seconds (`SET LOCAL timezone`);
// - text is neutralised as `neutraliseCsv` (cells.ts) does and quoted as the writer's `MUST_QUOTE` rule.
// Each output row is one complete CSV record. The COPY runs in binary format so PostgreSQL adds no
// quoting or escaping of its own; `Unframe` strips the binary framing (one text field per row).

/** Formula starts after a separator (or at the start), as `CSV_FORMULA` in cells.ts, in PostgreSQL's regex dialect. */
const FORMULA_RE = "(^|[,;\\t\\r\\n])(?=[ \\u00A0\\u3000]*[=+@\\uFF1D\\uFF0B\\uFF0D\\uFF20-])";
/** Fields the writer quotes (`MUST_QUOTE` in writers.server.ts). */
const QUOTE_RE = '[,;\\t\\r\\n"]';

const lit = (text: string) => pg.escapeLiteral(text);

/**
 * SQL for the CSV field of a text expression (null → empty): `neutraliseCsv`, then quoted with doubled
 * quotes when it holds a separator, quote, tab, CR or LF. Evaluated once per value of the small tables
 * (rounds, categories, nominees) and only for the void reason per ballot.
 */
export function csvFieldSql(expr: string): string {
  return `(select case when v ~ ${lit(QUOTE_RE)} then '"' || replace(v, '"', '""') || '"' else v end
    from (select case when w ~ '^[\\t\\r]' then '''' || w else w end as v
      from (select regexp_replace(coalesce(${expr}, ''), ${lit(FORMULA_RE)}, '\\1''', 'g') as w) w) v)`;
}

const ISO = `'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'`;

/**
 * The COPY statement: one CSV record per ballot choice of the edition, in `ballotRows`' order and
 * columns (DATASET_COLUMNS.stemmen). COPY takes no bind parameters: the edition id is checked to be a
 * uuid and quoted as a literal.
 */
export function ballotsCopySql(editionId: string, locale: Locale, separator: CsvSeparator): string {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(editionId)) throw new Error("edition id is not a uuid");
  const ed = lit(editionId);
  const d = lit(separator);
  const name = (t: string) => (locale === "en" ? `coalesce(nullif(${t}.name_en, ''), ${t}.name_nl)` : `${t}.name_nl`);
  return `copy (
  with salt as (
    select convert_to(export_salt, 'UTF8') as k from edition where id = ${ed}
  ), key as materialized (
    -- RFC 2104: a key longer than the hash's 64-byte block is hashed first, then zero-padded to 64 bytes.
    select kp || decode(repeat('00', 64 - octet_length(kp)), 'hex') as k
    from (select case when octet_length(k) > 64 then sha256(k) else k end as kp from salt) s
  ), pad as materialized (
    select decode(string_agg(lpad(to_hex(get_byte(k, i) # 54), 2, '0'), '' order by i), 'hex') as inner_pad,
      decode(string_agg(lpad(to_hex(get_byte(k, i) # 92), 2, '0'), '' order by i), 'hex') as outer_pad
    from key, generate_series(0, 63) i
  ), r as materialized (
    select r.id, r.edition_id, r.position, ${csvFieldSql(name("r"))} as f from round r where r.edition_id = ${ed}
  ), c as materialized (
    select c.id, c.position, ${csvFieldSql(name("c"))} as f from category c where c.edition_id = ${ed}
  ), n as materialized (
    -- A choice's nominee is in the ballot's category (ballot_choice's foreign keys), so in the edition's categories.
    select n.id, ${csvFieldSql("case when n.redacted_at is not null or n.consent_status = 'declined' then '' else n.name end")} as f
    from nominee n where n.category_id in (select id from category where edition_id = ${ed})
  )
  select r.position || ${d} || r.f || ${d} || c.f || ${d}
    || coalesce(left(encode(sha256(pad.outer_pad || sha256(pad.inner_pad || convert_to(b.voter_id::text, 'UTF8'))), 'hex'), 16), '') || ${d}
    || b.version || ${d} || to_char(b.cast_at, ${ISO}) || ${d} || to_char(b.updated_at, ${ISO}) || ${d}
    || ch.rank || ${d} || ch.nominee_id || ${d} || n.f || ${d}
    || case when b.voided_at is null then 'false' else 'true' end || ${d}
    || case when b.void_reason is null then '' else ${csvFieldSql("b.void_reason")} end || E'\\r\\n'
  from ballot_choice ch
  join ballot b on b.id = ch.ballot_id and b.category_id = ch.category_id
  join r on r.id = b.round_id and r.edition_id = b.edition_id
  join c on c.id = b.category_id
  join n on n.id = ch.nominee_id
  cross join pad
  where b.edition_id = ${ed}
  order by r.position, c.position, b.cast_at, b.id, ch.rank
) to stdout with (format binary)`;
}

const SIGNATURE = Buffer.from("PGCOPY\n\xff\r\n\0", "latin1");

/**
 * PostgreSQL's binary COPY stream of one-text-column rows → the rows' bytes, concatenated. Format: an
 * 11-byte signature, 32-bit flags, a 32-bit header-extension length and that many bytes; then per row
 * a 16-bit field count (-1 ends the data) and per field a 32-bit length (-1 for NULL) and the bytes.
 */
export class Unframe extends Transform {
  private rest: Buffer = Buffer.alloc(0);
  private headerDone = false;
  private ended = false;

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    let buf = this.rest.length ? Buffer.concat([this.rest, chunk]) : chunk;
    let at = 0;
    if (!this.headerDone) {
      if (buf.length < 19) {
        this.rest = buf;
        return done();
      }
      if (!buf.subarray(0, 11).equals(SIGNATURE)) return done(new Error("not a binary COPY stream"));
      const extension = buf.readUInt32BE(15);
      if (buf.length < 19 + extension) {
        this.rest = buf;
        return done();
      }
      at = 19 + extension;
      this.headerDone = true;
    }
    const parts: Buffer[] = [];
    while (!this.ended && buf.length - at >= 2) {
      const fields = buf.readInt16BE(at);
      if (fields === -1) {
        this.ended = true;
        at += 2;
        break;
      }
      let p = at + 2;
      let complete = true;
      const row: Buffer[] = [];
      for (let f = 0; f < fields; f++) {
        if (buf.length - p < 4) {
          complete = false;
          break;
        }
        const size = buf.readInt32BE(p);
        p += 4;
        if (size === -1) continue;
        if (buf.length - p < size) {
          complete = false;
          break;
        }
        row.push(buf.subarray(p, p + size));
        p += size;
      }
      if (!complete) break;
      for (const part of row) parts.push(part);
      at = p;
    }
    buf = buf.subarray(at);
    // Keep only the unfinished row (copied, so the big chunk it came from can be freed).
    this.rest = buf.length ? Buffer.from(buf) : Buffer.alloc(0);
    if (parts.length) this.push(parts.length === 1 ? parts[0] : Buffer.concat(parts));
    done();
  }

  override _flush(done: TransformCallback): void {
    done(this.ended && this.rest.length === 0 ? null : new Error("binary COPY stream ended early"));
  }
}

/**
 * Streams the CSV records of the ballots export into `out` and ends it. Holds one pooled connection
 * while it runs and always gives it back: after success clean, after any failure (the client went away
 * and `out` was destroyed, the database failed) destroyed, which also stops the COPY on the server.
 * Backpressure: the connection is read only as fast as `out` takes the bytes.
 */
export async function copyBallotsCsv(
  pool: pg.Pool,
  editionId: string,
  locale: Locale,
  separator: CsvSeparator,
  out: NodeJS.WritableStream,
): Promise<void> {
  const text = ballotsCopySql(editionId, locale, separator);
  const client = await pool.connect();
  let failure: Error | undefined;
  try {
    await client.query("begin read only");
    await client.query("set local timezone = 'Europe/Amsterdam'");
    // Joins in the written order: the choices with their ballots first, then the small precomputed
    // tables by hash. The planner cannot estimate the materialized CTEs and, with fresh statistics
    // missing, chose a nested loop of index probes per nominee and per ballot (1.7× slower at 200,000 rows).
    await client.query("set local join_collapse_limit = 1");
    const copy = client.query(copyTo(text));
    // pg may report the broken connection after the pipeline gave up on the stream: never unhandled.
    copy.on("error", () => undefined);
    await pipeline(copy, new Unframe(), out);
    await client.query("commit");
  } catch (error) {
    failure = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    // With an error pg-pool ends the client, and pg destroys the socket of a client with a query running.
    client.release(failure);
  }
}
