import { hash, verify } from "@node-rs/argon2";
import commonPasswords from "fxa-common-password-list";

// OWASP Password Storage Cheat Sheet: argon2id, 19 MiB, 2 iterations, 1 lane (argon2id is the library default).
const ARGON2 = { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

/** ASVS 2.1: any Unicode is allowed; normalise so the same password typed on another device matches. */
export function normalizePassword(password: string): string {
  return password.normalize("NFKC");
}

export function hashPassword(password: string): Promise<string> {
  return hash(normalizePassword(password), ARGON2);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, normalizePassword(password));
  } catch {
    return false;
  }
}

/** A hash to verify against when no account matches, so timing does not reveal which emails exist. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword("lauwer-timing-equaliser-not-a-password");
  return dummyHash;
}

/** Rejects passwords from Mozilla's list of the most common breached passwords (top 1M, shipped locally). */
export function isCommonPassword(password: string): boolean {
  const p = normalizePassword(password);
  // Spaces around a common password, or doubled inside it, do not make it another password.
  const bare = p.replace(/\s+/gu, " ").trim();
  return [p, bare].some((v) => commonPasswords.test(v) || commonPasswords.test(v.toLowerCase()));
}
