import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { base32Decode, base32Encode, generateTotpSecret, totpAt, totpUri, verifyTotp } from "./totp";

// RFC 6238, appendix B: the SHA-1 seed is the ASCII string "12345678901234567890".
const RFC_SECRET = base32Encode(new TextEncoder().encode("12345678901234567890"));

const rfcVectors: [seconds: number, code: string][] = [
  [59, "94287082"],
  [1111111109, "07081804"],
  [1111111111, "14050471"],
  [1234567890, "89005924"],
  [2000000000, "69279037"],
  [20000000000, "65353130"],
];

describe("TOTP (RFC 6238)", () => {
  it("encode la graine de la RFC en base32 comme les applications d'authentification", () => {
    expect(RFC_SECRET).toBe("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  });

  it.each(rfcVectors)("donne le code à 8 chiffres de la RFC à t = %i s", (seconds, code) => {
    expect(totpAt(RFC_SECRET, seconds * 1000, 8)).toBe(code);
  });

  it.each(rfcVectors)("donne à t = %i s les 6 derniers chiffres du code de la RFC par défaut", (seconds, code) => {
    expect(totpAt(RFC_SECRET, seconds * 1000)).toBe(code.slice(-6));
  });

  it("garde les zéros de tête", () => {
    expect(totpAt(RFC_SECRET, 1111111109 * 1000, 8)).toBe("07081804");
    expect(totpAt(RFC_SECRET, 1234567890 * 1000)).toBe("005924");
  });

  it("change de code toutes les 30 secondes et pas entre deux", () => {
    const start = 1111111110 * 1000; // début d'un pas de 30 s
    expect(totpAt(RFC_SECRET, start)).toBe(totpAt(RFC_SECRET, start + 29_999));
    expect(totpAt(RFC_SECRET, start)).not.toBe(totpAt(RFC_SECRET, start + 30_000));
  });
});

describe("base32", () => {
  it("retrouve les octets d'origine après encodage puis décodage, quelle que soit la longueur", async () => {
    await fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(base32Decode(base32Encode(bytes))).toEqual(bytes);
      }),
    );
  });

  it("suit la RFC 4648 sans remplissage", () => {
    const text = (s: string) => base32Encode(new TextEncoder().encode(s));
    expect(text("")).toBe("");
    expect(text("f")).toBe("MY");
    expect(text("fo")).toBe("MZXQ");
    expect(text("foo")).toBe("MZXW6");
    expect(text("foob")).toBe("MZXW6YQ");
    expect(text("fooba")).toBe("MZXW6YTB");
    expect(text("foobar")).toBe("MZXW6YTBOI");
  });

  it("accepte une clé saisie en minuscules, avec espaces, tirets ou remplissage", () => {
    const bytes = base32Decode("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    expect(base32Decode("gezd gnbv-gy3t qojq gezd gnbv gy3t qojq==")).toEqual(bytes);
  });

  it("refuse une clé contenant un caractère hors de l'alphabet", () => {
    expect(() => base32Decode("GEZDGNB1")).toThrow("Clé base32 invalide");
  });

  it("génère une clé de 160 bits différente à chaque fois", () => {
    const a = generateTotpSecret();
    const b = generateTotpSecret();
    expect(a).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(a)).toHaveLength(20);
    expect(a).not.toBe(b);
  });
});

describe("vérification d'un code", () => {
  const now = new Date(1111111125 * 1000); // au milieu d'un pas de 30 s
  const codeAt = (offsetSteps: number) => totpAt(RFC_SECRET, now.getTime() + offsetSteps * 30_000);

  it("accepte le code du moment", () => {
    expect(verifyTotp(RFC_SECRET, codeAt(0), now)).toBe(true);
  });

  it("accepte le code du pas précédent et du pas suivant (horloge du téléphone décalée)", () => {
    expect(verifyTotp(RFC_SECRET, codeAt(-1), now)).toBe(true);
    expect(verifyTotp(RFC_SECRET, codeAt(1), now)).toBe(true);
  });

  it("refuse un code vieux ou en avance de deux pas", () => {
    for (const step of [-2, 2, -3, 3]) expect(codeAt(step)).not.toBe(codeAt(0));
    expect(verifyTotp(RFC_SECRET, codeAt(-2), now)).toBe(false);
    expect(verifyTotp(RFC_SECRET, codeAt(2), now)).toBe(false);
  });

  it("accepte un code saisi avec des espaces", () => {
    const code = codeAt(0);
    expect(verifyTotp(RFC_SECRET, `${code.slice(0, 3)} ${code.slice(3)}`, now)).toBe(true);
    expect(verifyTotp(RFC_SECRET, ` ${code} `, now)).toBe(true);
  });

  it("refuse ce qui n'est pas six chiffres", () => {
    const code = codeAt(0);
    for (const input of [
      "",
      "abcdef",
      `${code.slice(0, 5)}a`,
      code.slice(0, 5),
      `${code}0`,
      `+${code.slice(1)}`,
      "１２３４５６",
    ]) {
      expect(verifyTotp(RFC_SECRET, input, now), input).toBe(false);
    }
  });

  it("refuse le code d'une autre clé", () => {
    const code = totpAt("JBSWY3DPEHPK3PXP", now.getTime());
    expect([codeAt(-1), codeAt(0), codeAt(1)]).not.toContain(code);
    expect(verifyTotp("JBSWY3DPEHPK3PXP", code, now)).toBe(true);
    expect(verifyTotp(RFC_SECRET, code, now)).toBe(false);
  });
});

describe("lien otpauth", () => {
  it("décrit un compte SHA-1, 6 chiffres, 30 s avec l'émetteur encodé", () => {
    const uri = totpUri("GEZDGNBV", "coord@pdn04.fr");
    const url = new URL(uri);
    expect(url.protocol).toBe("otpauth:");
    expect(url.host).toBe("totp");
    expect(decodeURIComponent(url.pathname)).toBe("/Promeneurs du Net:coord@pdn04.fr");
    expect(url.searchParams.get("secret")).toBe("GEZDGNBV");
    expect(url.searchParams.get("issuer")).toBe("Promeneurs du Net");
    expect(url.searchParams.get("algorithm")).toBe("SHA1");
    expect(url.searchParams.get("digits")).toBe("6");
    expect(url.searchParams.get("period")).toBe("30");
  });
});
