import { describe, expect, it } from "vitest";
import { getDummyHash, hashPassword, verifyPassword } from "./password.server";

describe("mots de passe (scrypt)", () => {
  it("vérifie un mot de passe avec son empreinte", async () => {
    const hash = await hashPassword("une phrase facile à retenir");
    expect(hash).toMatch(/^scrypt\$17\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await verifyPassword("une phrase facile à retenir", hash)).toBe(true);
  });

  it("refuse un mot de passe erroné, même proche", async () => {
    const hash = await hashPassword("une phrase facile à retenir", 10);
    expect(await verifyPassword("une phrase facile a retenir", hash)).toBe(false);
    expect(await verifyPassword("une phrase facile à retenir ", hash)).toBe(false);
    expect(await verifyPassword("", hash)).toBe(false);
  });

  it("donne deux empreintes différentes du même mot de passe (sel aléatoire)", async () => {
    const a = await hashPassword("même mot de passe", 10);
    const b = await hashPassword("même mot de passe", 10);
    expect(a).not.toBe(b);
    expect(await verifyPassword("même mot de passe", a)).toBe(true);
    expect(await verifyPassword("même mot de passe", b)).toBe(true);
  });

  it("accepte un mot de passe accentué saisi sous une autre forme Unicode (NFC/NFD)", async () => {
    const hash = await hashPassword("Forcalquier été".normalize("NFD"), 10);
    expect(await verifyPassword("Forcalquier été".normalize("NFC"), hash)).toBe(true);
  });

  it("relit les paramètres stockés avec l'empreinte", async () => {
    const hash = await hashPassword("paramètres anciens", 12);
    expect(hash.startsWith("scrypt$12$8$1$")).toBe(true);
    expect(await verifyPassword("paramètres anciens", hash)).toBe(true);
  });

  it("répond non, sans lever d'erreur, pour une empreinte stockée mal formée", async () => {
    const good = await hashPassword("secret", 10);
    const [, , , , salt, key] = good.split("$");
    const malformed = [
      "",
      "pas une empreinte",
      `bcrypt$10$8$1$${salt}$${key}`,
      `scrypt$10$8$1$${salt}`,
      `scrypt$10$8$1$${salt}$`,
      `scrypt$abc$8$1$${salt}$${key}`,
      `scrypt$10.5$8$1$${salt}$${key}`,
      `scrypt$-1$8$1$${salt}$${key}`,
      `scrypt$40$8$1$${salt}$${key}`,
      `scrypt$10$0$1$${salt}$${key}`,
      `scrypt$10$8$x$${salt}$${key}`,
      // Une clé qui se décode en zéro octet ne doit pas valider n'importe quel mot de passe.
      `scrypt$10$8$1$${salt}$!!!!`,
      `scrypt$10$8$1$${salt}$${key?.slice(0, 4)}`,
    ];
    for (const stored of malformed) {
      await expect(verifyPassword("secret", stored), stored).resolves.toBe(false);
    }
  });

  it("garde une empreinte factice stable pour les adresses inconnues, qui ne valide rien", async () => {
    const dummy = await getDummyHash();
    expect(await getDummyHash()).toBe(dummy);
    expect(await verifyPassword("", dummy)).toBe(false);
  });
});
