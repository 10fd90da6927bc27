import { describe, expect, it } from "vitest";
import type { Actor } from "~/domain/comptes/actor";
import { buildActor } from "../../../tests/factories/actor";
import { accesProfils, accesVerification, canReadProfils, type ProfilsCible } from "./profil.policy";

const STRUCTURE = "00000000-0000-4000-8000-0000000000aa";
const AUTRE_STRUCTURE = "00000000-0000-4000-8000-0000000000bb";
const cible: ProfilsCible = {
  departement: "04",
  structureId: STRUCTURE,
  userId: "00000000-0000-4000-8000-000000000001",
  statut: "actif",
};
const autrePromeneur: ProfilsCible = { ...cible, userId: "00000000-0000-4000-8000-000000000002" };

function acteur(...roles: Parameters<typeof buildActor>): Actor {
  return buildActor(...roles);
}

describe("accesProfils : matrice rôle × département", () => {
  it.each([
    ["le promeneur lui-même", acteur({ role: "promeneur" }), cible, "ok", "ok"],
    ["un autre promeneur du 04", acteur({ role: "promeneur" }), autrePromeneur, "introuvable", "introuvable"],
    ["le coordinateur du 04", acteur({ role: "coordinateur" }), cible, "ok", "ok"],
    ["le coordinateur du 05", acteur({ role: "coordinateur", departement: "05" }), cible, "introuvable", "introuvable"],
    ["le référent de la structure", acteur({ role: "referent", structureId: STRUCTURE }), cible, "ok", "interdit"],
    [
      "le référent d'une autre structure",
      acteur({ role: "referent", structureId: AUTRE_STRUCTURE }),
      cible,
      "introuvable",
      "interdit",
    ],
    ["le national", acteur({ role: "national" }), cible, "ok", "interdit"],
    ["un membre du copil du 04", acteur({ role: "copil" }), cible, "interdit", "interdit"],
    ["un évaluateur du 04", acteur({ role: "evaluateur" }), cible, "interdit", "interdit"],
  ] as const)("%s : lecture %s, gestion %s", (_, actor, c, lire, gerer) => {
    expect(accesProfils(actor, c, "lire")).toBe(lire);
    expect(accesProfils(actor, c, "gerer")).toBe(gerer);
  });

  it("laisse lire mais plus modifier un promeneur sorti, même à lui-même", () => {
    const sorti = { ...cible, statut: "sorti" };
    expect(accesProfils(acteur({ role: "promeneur" }), sorti, "lire")).toBe("ok");
    expect(accesProfils(acteur({ role: "promeneur" }), sorti, "gerer")).toBe("interdit");
    expect(accesProfils(acteur({ role: "coordinateur" }), sorti, "gerer")).toBe("interdit");
  });

  it("ne reconnaît pas le promeneur lui-même avec un rôle de promeneur d'un autre département", () => {
    expect(canReadProfils(acteur({ role: "promeneur", departement: "05" }), cible)).toBe(false);
  });

  it("refuse un visiteur sans compte", () => {
    expect(accesProfils(null, cible, "lire")).toBe("interdit");
  });
});

describe("accesVerification", () => {
  it("réserve la vérification au coordinateur du département", () => {
    expect(accesVerification(acteur({ role: "coordinateur" }), cible)).toBe("ok");
    expect(accesVerification(acteur({ role: "coordinateur", departement: "05" }), cible)).toBe("introuvable");
    expect(accesVerification(acteur({ role: "referent", structureId: STRUCTURE }), cible)).toBe("interdit");
    expect(accesVerification(acteur({ role: "promeneur" }), cible)).toBe("interdit");
    expect(accesVerification(acteur({ role: "national" }), cible)).toBe("interdit");
    expect(accesVerification(acteur({ role: "copil" }), cible)).toBe("interdit");
  });
});
