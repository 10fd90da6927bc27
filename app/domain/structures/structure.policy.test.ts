import { describe, expect, it } from "vitest";
import type { Actor, RoleGrant } from "~/domain/comptes/actor";
import {
  canChangeStructureStatut,
  canEditStructure,
  canProposePromeneur,
  canSeeStructurePromeneurs,
  canSeeStructureTeam,
} from "./structure.policy";

const S = "11111111-1111-4111-8111-111111111111";
const OTHER = "22222222-2222-4222-8222-222222222222";
const structure = { id: S, departement: "04" };

function actor(...roles: Partial<RoleGrant>[]): Actor {
  return {
    userId: "u",
    email: "u@essai.pdn.fr",
    nom: "U",
    sessionId: "s",
    totpEnabled: false,
    roles: roles.map((r) => ({ role: "coordinateur", departement: "04", structureId: null, ...r }) as RoleGrant),
  };
}

const who = {
  coordinateur04: actor({ role: "coordinateur" }),
  coordinateur05: actor({ role: "coordinateur", departement: "05" }),
  referent: actor({ role: "referent", structureId: S }),
  referentAutre: actor({ role: "referent", structureId: OTHER }),
  copil04: actor({ role: "copil" }),
  promeneur04: actor({ role: "promeneur" }),
  national: actor({ role: "national", departement: null }),
};

describe("permissions sur une structure", () => {
  it.each([
    ["coordinateur04", true, true, false, true, true],
    ["coordinateur05", false, false, false, false, false],
    ["referent", true, false, true, true, true],
    ["referentAutre", false, false, false, false, false],
    ["copil04", false, false, false, false, false],
    ["promeneur04", false, false, false, false, false],
    ["national", false, false, false, true, true],
  ] as const)(
    "%s : modifier %s, statut %s, proposer %s, promeneurs %s, équipe %s",
    (name, edit, statut, propose, promeneurs, team) => {
      const a = who[name];
      expect(canEditStructure(a, structure)).toBe(edit);
      expect(canChangeStructureStatut(a, structure)).toBe(statut);
      expect(canProposePromeneur(a, structure)).toBe(propose);
      expect(canSeeStructurePromeneurs(a, structure)).toBe(promeneurs);
      expect(canSeeStructureTeam(a, structure)).toBe(team);
    },
  );

  it("ne donne rien à un visiteur non connecté", () => {
    expect(canEditStructure(null, structure)).toBe(false);
    expect(canChangeStructureStatut(null, structure)).toBe(false);
    expect(canSeeStructureTeam(undefined, structure)).toBe(false);
  });
});
