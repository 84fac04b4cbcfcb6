import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";
import { InvalidInputError } from "@/lib/errors";

/**
 * Password hashing: scrypt from node:crypto (memory-hard; no native dependency). Stored as a
 * self-describing string so the cost can be raised later without breaking existing hashes:
 *
 *   scrypt$<N>$<r>$<p>$<salt, base64url>$<hash, base64url>
 *
 * N = 2^15, r = 8, p = 1 needs 128·N·r = 32 MiB per hash (~50–100 ms), just above Node's default
 * `maxmem` (32 MiB), so maxmem is raised with the parameters. Hashing is async (libuv thread pool) and
 * never blocks the event loop.
 */
export const SCRYPT_PARAMS = { N: 2 ** 15, r: 8, p: 1, keyLength: 64, saltLength: 16 } as const;

/** Upper bounds for parameters read back from a stored hash: a corrupted row must not allocate gigabytes. */
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;

export const PASSWORD_MIN_LENGTH = 12;
/** scrypt copes with any length; the cap only keeps a request from hashing megabytes. */
export const PASSWORD_MAX_LENGTH = 1024;

const maxmemFor = (N: number, r: number, p: number) => 128 * r * (N + p + 2) + 1024 * 1024;

function scryptAsync(password: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(password.normalize("NFC"), salt, keyLength, options, (err, key) => (err ? reject(err) : resolve(key))));
}

/** Hashes a password with a fresh random salt; returns the encoded string to store. */
export async function hashPassword(password: string): Promise<string> {
  const { N, r, p, keyLength, saltLength } = SCRYPT_PARAMS;
  const salt = randomBytes(saltLength);
  const key = await scryptAsync(password, salt, keyLength, { N, r, p, maxmem: maxmemFor(N, r, p) });
  return ["scrypt", N, r, p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

type Parsed = { N: number; r: number; p: number; salt: Buffer; key: Buffer };

function parseHash(encoded: string): Parsed | null {
  const parts = encoded.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return null;
  const [N, r, p] = parts.slice(1, 4).map((v) => (/^[1-9][0-9]{0,8}$/.test(v) ? Number(v) : NaN));
  if (!(N > 1 && N <= MAX_N && (N & (N - 1)) === 0 && r >= 1 && r <= MAX_R && p >= 1 && p <= MAX_P)) return null;
  const salt = Buffer.from(parts[4], "base64url");
  const key = Buffer.from(parts[5], "base64url");
  if (salt.length < 8 || key.length < 16 || key.length > 256) return null;
  return { N, r, p, salt, key };
}

/**
 * True when `password` matches the stored hash. Constant-time comparison; a malformed hash is a
 * mismatch (never an exception), so a corrupted row cannot be signed in to.
 */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const parsed = parseHash(encoded);
  if (!parsed || password.length > PASSWORD_MAX_LENGTH) return false;
  const { N, r, p, salt, key } = parsed;
  const candidate = await scryptAsync(password, salt, key.length, { N, r, p, maxmem: maxmemFor(N, r, p) });
  return timingSafeEqual(candidate, key);
}

/** True when a stored hash uses other parameters than today's (rehash it after the next successful sign-in). */
export function needsRehash(encoded: string): boolean {
  const parsed = parseHash(encoded);
  const { N, r, p, keyLength } = SCRYPT_PARAMS;
  return !parsed || parsed.N !== N || parsed.r !== r || parsed.p !== p || parsed.key.length !== keyLength;
}

/** The policy's objection to a password, or null when it is acceptable. */
export function passwordProblem(password: string, email?: string): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return `Password must be at least ${PASSWORD_MIN_LENGTH} characters long (it has ${length})`;
  if (length > PASSWORD_MAX_LENGTH) return `Password must be at most ${PASSWORD_MAX_LENGTH} characters long`;
  if (email && password.trim().toLowerCase() === email.trim().toLowerCase()) return "Password must not be the same as the email address";
  return null;
}

/** Throws InvalidInputError with the policy's message when the password is not acceptable. */
export function assertPasswordPolicy(password: string, email?: string): void {
  const problem = passwordProblem(password, email);
  if (problem) throw new InvalidInputError(problem);
}

/** A random password that satisfies the policy (24 characters, 144 bits), for generated accounts. */
export function generatePassword(): string {
  return randomBytes(18).toString("base64url");
}
