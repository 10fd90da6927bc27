import crypto from "node:crypto";
import { promisify } from "node:util";

const scrypt = promisify(crypto.scrypt) as (
  password: crypto.BinaryLike,
  salt: crypto.BinaryLike,
  keylen: number,
  options: crypto.ScryptOptions,
) => Promise<Buffer>;

/** OWASP's scrypt parameters (N = 2^17, r = 8, p = 1); stored with each hash so they can evolve. */
const DEFAULT_LOG_N = 17;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

function options(logN: number, r: number, p: number): crypto.ScryptOptions {
  return { N: 2 ** logN, r, p, maxmem: 256 * 1024 * 1024 };
}

export async function hashPassword(password: string, logN = DEFAULT_LOG_N): Promise<string> {
  const salt = crypto.randomBytes(16);
  const key = await scrypt(password.normalize("NFC"), salt, KEY_LENGTH, options(logN, R, P));
  return `scrypt$${logN}$${R}$${P}$${salt.toString("base64url")}$${key.toString("base64url")}`;
}

/** A stored parameter: a positive integer written in decimal, at most `max`. */
function parameter(value: string | undefined, max: number): number | null {
  return value && /^\d{1,3}$/.test(value) && Number(value) >= 1 && Number(value) <= max ? Number(value) : null;
}

/** False for a wrong password and for a malformed stored hash (never an error, never a match). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, logNText, rText, pText, salt, key] = stored.split("$");
  const logN = parameter(logNText, 30);
  const r = parameter(rText, 64);
  const p = parameter(pText, 16);
  if (scheme !== "scrypt" || !logN || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, "base64url");
  // A key that decodes to a few bytes (or none) would make any password "match".
  if (expected.length < 16) return false;
  let actual: Buffer;
  try {
    actual = await scrypt(
      password.normalize("NFC"),
      Buffer.from(salt, "base64url"),
      expected.length,
      options(logN, r, p),
    );
  } catch {
    return false; // parameters scrypt refuses (memory limit)
  }
  return crypto.timingSafeEqual(actual, expected);
}

/** A hash of a random password, verified when the e-mail is unknown so that timing reveals nothing. */
let dummyHash: Promise<string> | undefined;
export function getDummyHash(): Promise<string> {
  dummyHash ??= hashPassword(crypto.randomBytes(18).toString("base64url"));
  return dummyHash;
}
