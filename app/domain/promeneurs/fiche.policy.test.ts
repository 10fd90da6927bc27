import { describe, expect, it } from "vitest";
import type { RoleCode } from "~/domain/comptes/roles";
import { buildActor } from "../../../tests/factories/actor";
import { isPromeneurLuiMeme, type PromeneurPublicCible, publicAccess } from "./fiche.policy";

const STRUCTURE = "11111111-1111-4111-8111-111111111111";
const AUTRE_STRUCTURE = "22222222-2222-4222-8222-222222222222";
const ACTOR_ID = "00000000-0000-4000-8000-000000000001";
const QUELQU_UN = "00000000-0000-4000-8000-000000000099";

const cible = (overrides: Partial<PromeneurPublicCible> = {}): PromeneurPublicCible => ({
  departement: "04",
  structureId: STRUCTURE,
  userId: QUELQU_UN,
  statut: "actif",
  ...overrides,
});

describe("accès à la fiche publique et aux horaires", () => {
  it.each<[string, RoleCode, string, string | null, "none" | "read" | "manage"]>([
    ["le coordinateur du département", "coordinateur", "04", null, "manage"],
    ["le coordinateur d'un autre département", "coordinateur", "05", null, "none"],
    ["le référent de la structure", "referent", "04", STRUCTURE, "read"],
    ["le référent d'une autre structure", "referent", "04", AUTRE_STRUCTURE, "none"],
    ["le national", "national", "04", null, "read"],
    ["un membre du comité de pilotage", "copil", "04", null, "none"],
    ["un autre promeneur", "promeneur", "04", null, "none"],
    ["un évaluateur", "evaluateur", "04", null, "none"],
  ])("%s : %s", (_, role, departement, structureId, attendu) => {
    expect(publicAccess(buildActor({ role, departement, structureId }), cible())).toBe(attendu);
  });

  it("le promeneur lui-même modifie sa fiche, tant qu'il n'est pas sorti ni refusé", () => {
    const actor = buildActor({ role: "promeneur" });
    expect(publicAccess(actor, cible({ userId: ACTOR_ID }))).toBe("manage");
    expect(publicAccess(actor, cible({ userId: ACTOR_ID, statut: "suspendu" }))).toBe("manage");
    expect(publicAccess(actor, cible({ userId: ACTOR_ID, statut: "sorti" }))).toBe("read");
    expect(publicAccess(actor, cible({ userId: ACTOR_ID, statut: "refuse" }))).toBe("read");
  });

  it("le compte relié doit avoir le rôle de promeneur dans le département de la fiche", () => {
    expect(isPromeneurLuiMeme(buildActor({ role: "promeneur", departement: "05" }), cible({ userId: ACTOR_ID }))).toBe(
      false,
    );
    expect(isPromeneurLuiMeme(buildActor({ role: "referent" }), cible({ userId: ACTOR_ID }))).toBe(false);
    expect(isPromeneurLuiMeme(null, cible({ userId: ACTOR_ID }))).toBe(false);
    expect(isPromeneurLuiMeme(buildActor({ role: "promeneur" }), cible({ userId: null }))).toBe(false);
  });
});
