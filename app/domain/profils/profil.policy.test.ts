import { describe, expect, it } from "vitest";
import type { Actor } from "~/domain/comptes/actor";
import { buildActor } from "../../../tests/factories/actor";
import { accesVerification, mayOnProfils, type ProfilsCible } from "./profil.policy";

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

describe("ce que les pages de profils proposent (mayOnProfils)", () => {
  it.each([
    ["le promeneur lui-même", acteur({ role: "promeneur" }), cible, true, false],
    ["un autre promeneur du 04", acteur({ role: "promeneur" }), autrePromeneur, false, false],
    ["le coordinateur du 04", acteur({ role: "coordinateur" }), cible, true, true],
    ["le coordinateur du 05", acteur({ role: "coordinateur", departement: "05" }), cible, false, false],
    ["le référent de la structure", acteur({ role: "referent", structureId: STRUCTURE }), cible, false, false],
    ["le national", acteur({ role: "national" }), cible, false, false],
    ["un membre du copil du 04", acteur({ role: "copil" }), cible, false, false],
  ] as const)("%s : gérer %s, vérifier %s", (_, actor, c, gerer, verifier) => {
    expect(mayOnProfils(actor, c)).toEqual({ gerer, verifier });
  });

  it("ne propose plus rien sur les profils d'un promeneur sorti", () => {
    const sorti = { ...cible, statut: "sorti" };
    expect(mayOnProfils(acteur({ role: "promeneur" }), sorti)).toEqual({ gerer: false, verifier: false });
    expect(mayOnProfils(acteur({ role: "coordinateur" }), sorti)).toEqual({ gerer: false, verifier: false });
  });
});

describe("accesVerification", () => {
  it("réserve la vérification au coordinateur du département", () => {
    expect(accesVerification(acteur({ role: "coordinateur" }), cible)).toBe("ok");
  });

  it("répond 404 à qui ne voit pas le promeneur : autre département, comité de pilotage, autre structure", () => {
    expect(accesVerification(acteur({ role: "coordinateur", departement: "05" }), cible)).toBe("introuvable");
    expect(accesVerification(acteur({ role: "copil" }), cible)).toBe("introuvable");
    expect(accesVerification(acteur({ role: "evaluateur" }), cible)).toBe("introuvable");
    expect(accesVerification(acteur({ role: "referent", structureId: AUTRE_STRUCTURE }), cible)).toBe("introuvable");
    expect(accesVerification(acteur({ role: "promeneur" }), autrePromeneur)).toBe("introuvable");
    expect(accesVerification(null, cible)).toBe("introuvable");
  });

  it("répond 403 à qui voit le promeneur avec un autre rôle : référent, national, le promeneur lui-même", () => {
    expect(accesVerification(acteur({ role: "referent", structureId: STRUCTURE }), cible)).toBe("interdit");
    expect(accesVerification(acteur({ role: "national" }), cible)).toBe("interdit");
    expect(accesVerification(acteur({ role: "promeneur" }), cible)).toBe("interdit");
  });

  it.each(["sorti", "refuse"])("refuse (403) la vérification des profils d'un promeneur %s", (statut) => {
    expect(accesVerification(acteur({ role: "coordinateur" }), { ...cible, statut })).toBe("interdit");
  });
});
