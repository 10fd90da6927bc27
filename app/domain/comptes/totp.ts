import crypto from "node:crypto";

/** RFC 4648 base32 without padding, as authenticator apps expect. */
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

export function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(text: string): Uint8Array {
  const clean = text.toUpperCase().replace(/[\s=-]/g, "");
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of clean) {
    const index = ALPHABET.indexOf(char);
    if (index < 0) throw new Error("Clé base32 invalide");
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Uint8Array.from(bytes);
}

export function generateTotpSecret(): string {
  return base32Encode(crypto.randomBytes(20));
}

/** RFC 6238 TOTP (HMAC-SHA1, 30 s, 6 digits) for a time in milliseconds. */
export function totpAt(secret: string, timeMs: number, digits = 6, stepSeconds = 30): string {
  const counter = Math.floor(timeMs / 1000 / stepSeconds);
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const hmac = crypto.createHmac("sha1", base32Decode(secret)).update(message).digest();
  const offset = (hmac[hmac.length - 1] ?? 0) & 0x0f;
  const code = (hmac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return code.toString().padStart(digits, "0");
}

/**
 * The time step (30-second counter) whose code matches, looking at the current step and one either
 * side (clock drift of a phone); null when none does or when the step is not after `lastStep`, so
 * that a code is never accepted twice.
 */
export function matchTotpStep(secret: string, code: string, now: Date, lastStep: number | null = null): number | null {
  const clean = code.replace(/\s/g, "");
  if (!/^\d{6}$/.test(clean)) return null;
  const current = Math.floor(now.getTime() / 30_000);
  for (const step of [current - 1, current, current + 1]) {
    const expected = totpAt(secret, step * 30_000);
    if (crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(clean))) {
      return lastStep !== null && step <= lastStep ? null : step;
    }
  }
  return null;
}

/** Accepts the current code and one step either side (clock drift of a phone). */
export function verifyTotp(secret: string, code: string, now: Date): boolean {
  return matchTotpStep(secret, code, now) !== null;
}

export function totpUri(secret: string, accountName: string, issuer = "Promeneurs du Net"): string {
  const label = encodeURIComponent(`${issuer}:${accountName}`);
  return `otpauth://totp/${label}?secret=${secret}&issuer=${encodeURIComponent(issuer)}&algorithm=SHA1&digits=6&period=30`;
}
