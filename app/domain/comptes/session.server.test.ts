import { describe, expect, it } from "vitest";
import { parseCookies, serializeCookie, sessionCookieName } from "./session.server";

describe("cookies (parseCookies)", () => {
  it("lit les cookies d'un en-tête Cookie", () => {
    expect(parseCookies("pdn_session=abc; pdn_csrf=def")).toEqual({ pdn_session: "abc", pdn_csrf: "def" });
  });

  it("ne lit rien sans en-tête", () => {
    expect(parseCookies(null)).toEqual({});
    expect(parseCookies("")).toEqual({});
  });

  it("décode les valeurs encodées et garde les signes = de la valeur", () => {
    expect(parseCookies("pdn_flash=Vous%20%C3%AAtes%20d%C3%A9connect%C3%A9.; b=x=y")).toEqual({
      pdn_flash: "Vous êtes déconnecté.",
      b: "x=y",
    });
  });

  it("garde la valeur brute d'un encodage invalide", () => {
    expect(parseCookies("a=%E0%A4%A")).toEqual({ a: "%E0%A4%A" });
  });

  it("garde le premier de deux cookies du même nom et ignore les morceaux sans nom ou sans =", () => {
    expect(parseCookies("a=1; a=2; =3; b; c = 4 ")).toEqual({ a: "1", c: "4" });
  });
});

describe("cookies (serializeCookie)", () => {
  it("écrit un cookie HttpOnly, SameSite=Lax, pour tout le site, sans Secure en HTTP", () => {
    const cookie = serializeCookie("pdn_session", "jeton", { secure: false });
    expect(cookie).toBe("pdn_session=jeton; Path=/; SameSite=Lax; HttpOnly");
    expect(cookie).not.toContain("Secure");
  });

  it("ajoute Secure seulement quand on le demande", () => {
    const cookie = serializeCookie("__Host-pdn_session", "jeton", { secure: true, maxAgeSeconds: 43200 });
    expect(cookie.split("; ")).toEqual([
      "__Host-pdn_session=jeton",
      "Path=/",
      "SameSite=Lax",
      "HttpOnly",
      "Secure",
      "Max-Age=43200",
    ]);
  });

  it("permet un cookie lisible par le script quand httpOnly vaut false", () => {
    expect(serializeCookie("pdn_csrf", "x", { secure: false, httpOnly: false })).not.toContain("HttpOnly");
  });

  it("efface un cookie avec Max-Age=0", () => {
    expect(serializeCookie("pdn_session", "", { secure: false, maxAgeSeconds: 0 })).toBe(
      "pdn_session=; Path=/; SameSite=Lax; HttpOnly; Max-Age=0",
    );
  });

  it("encode la valeur pour qu'elle se relise à l'identique", () => {
    const cookie = serializeCookie("pdn_flash", "Invitation envoyée à a@b.fr; ok", { secure: false });
    const [pair] = cookie.split("; ");
    expect(parseCookies(pair ?? "")).toEqual({ pdn_flash: "Invitation envoyée à a@b.fr; ok" });
  });

  it("préfixe le nom du cookie de session par __Host- en HTTPS", () => {
    expect(sessionCookieName(true)).toBe("__Host-pdn_session");
    expect(sessionCookieName(false)).toBe("pdn_session");
  });
});
