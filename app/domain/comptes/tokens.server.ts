import crypto from "node:crypto";

/** A random URL-safe token (256 bits) and the SHA-256 that the database keeps instead of it. */
export function createToken(): { token: string; hash: string } {
  const token = crypto.randomBytes(32).toString("base64url");
  return { token, hash: hashToken(token) };
}

/** A token as `createToken` makes them: 32 random bytes in base64url (43 characters). */
const FORMAT_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** Whether a token from a link has the shape `createToken` gives: anything else is looked up nowhere. */
export function isTokenFormat(token: string): boolean {
  return FORMAT_TOKEN.test(token);
}

export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}
