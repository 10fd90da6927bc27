import { describe, expect, it } from "vitest";
import { recordAudit } from "./audit.server";
import { getDb } from "./db.server";
import { etatDonnees } from "./memo.server";

const SYSTEME = { system: "essai" } as const;

describe("journal d'audit et caches", () => {
  it("un bilan mensuel enregistré laisse l'annuaire et les pages publiques en cache, pas les indicateurs", async () => {
    const avant = { tout: etatDonnees(["04"]), public: etatDonnees(["04"], "public") };
    await recordAudit(getDb(), SYSTEME, {
      action: "rapport.enregistre",
      entityType: "rapport_mensuel",
      departement: "04",
    });
    expect(etatDonnees(["04"], "public")).toBe(avant.public);
    expect(etatDonnees(["04"])).not.toBe(avant.tout);
  });

  it("une fiche de promeneur modifiée périme l'annuaire et les pages publiques de son département seulement", async () => {
    const avant = { public04: etatDonnees(["04"], "public"), public05: etatDonnees(["05"], "public") };
    await recordAudit(getDb(), SYSTEME, { action: "promeneur.modifie", entityType: "promeneur", departement: "04" });
    expect(etatDonnees(["04"], "public")).not.toBe(avant.public04);
    expect(etatDonnees(["05"], "public")).toBe(avant.public05);
  });
});
