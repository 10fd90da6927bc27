import "../../../tests/setup/fast-check";
import { agregatsARefaire, rapportsMensuels } from "@db/schema";
import { and, eq } from "drizzle-orm";
import fc from "fast-check";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "~/domain/comptes/actor";
import { enregistrerBrouillon, soumettreRapport } from "~/domain/rapports/rapport.commands.server";
import type { RapportStatut } from "~/domain/rapports/rapport.labels";
import type { SaisieRapport } from "~/domain/rapports/rapport.rules";
import { renvoyerRapport, rouvrirRapport, validerRapport } from "~/domain/rapports/rapport-revue.commands.server";
import { getDb } from "~/server/db.server";
import { insertPromeneur, type PromeneurRow } from "../../../tests/factories/promeneur";
import { insertRapport } from "../../../tests/factories/rapport";
import { insertUser } from "../../../tests/factories/user";
import { insertActor } from "../../../tests/support/acteurs";
import { actorOf, invalid } from "../../../tests/support/route";
import { marquerAgregatsARefaire, refaireAgregats } from "./agregats.server";
import { indicateursRapports, rapportsParDepartement } from "./indicateurs.rapports.server";
import type { FiltreIndicateurs, PeriodeIndicateurs } from "./indicateurs.types";

const annee = (n: number): PeriodeIndicateurs => ({
  nature: "annee",
  du: { annee: n, mois: 1, jour: 1 },
  au: { annee: n, mois: 12, jour: 31 },
  libelle: `Année ${n}`,
});
const ANNEE_2025 = annee(2025);
const ANNEE_2027 = annee(2027);
const ANNEE_2028 = annee(2028);
const ANNEE_2026 = annee(2026);

const marques = () => getDb().select().from(agregatsARefaire);
const viderMarques = () => getDb().delete(agregatsARefaire);

describe("propriété : les agrégats donnent toujours les chiffres des bilans", () => {
  let promeneursTest: PromeneurRow[] = [];

  beforeAll(async () => {
    const db = getDb();
    promeneursTest = [
      await insertPromeneur(db, { statut: "actif" }),
      await insertPromeneur(db, { statut: "actif" }),
      await insertPromeneur(db, { statut: "actif", departement: "05" }),
    ];
  });

  const statut = fc.constantFrom<RapportStatut>("brouillon", "soumis", "valide", "a_corriger");
  const ecriture = fc.oneof(
    fc.record({
      type: fc.constant("ecrire" as const),
      promeneur: fc.nat({ max: 2 }),
      // The last months of 2027 (the previous period) and the first of 2028.
      mois: fc.constantFrom("2027-11-01", "2027-12-01", "2028-01-01", "2028-02-01", "2028-03-01"),
      statut,
      nouveaux: fc.nat({ max: 30 }),
      fileActive: fc.nat({ max: 60 }),
      echanges: fc.nat({ max: 80 }),
      themes: fc.dictionary(
        fc.constantFrom("sante", "logement", "famille", "scolarite"),
        fc.integer({ min: 1, max: 9 }),
      ),
      publications: fc.dictionary(fc.constantFrom("live", "autre"), fc.integer({ min: 1, max: 5 })),
    }),
    fc.record({ type: fc.constant("statut" as const), rang: fc.nat(), statut }),
    fc.record({ type: fc.constant("supprimer" as const), rang: fc.nat() }),
  );

  it("après des écritures, changements de statut et suppressions au hasard", async () => {
    const db = getDb();
    const filtre: FiltreIndicateurs = { departements: ["04", "05"], periode: ANNEE_2028 };
    await fc.assert(
      fc.asyncProperty(fc.array(ecriture, { minLength: 1, maxLength: 6 }), async (ecritures) => {
        for (const e of ecritures) {
          await db.transaction(async (tx) => {
            if (e.type === "ecrire") {
              const p = promeneursTest[e.promeneur];
              if (!p) return;
              // One report per promeneur and month: replace the one there.
              await tx
                .delete(rapportsMensuels)
                .where(and(eq(rapportsMensuels.promeneurId, p.id), eq(rapportsMensuels.mois, e.mois)));
              await insertRapport(
                tx,
                p,
                e.mois,
                { statut: e.statut, nouveauxJeunes: e.nouveaux, fileActive: e.fileActive, echanges: e.echanges },
                { theme: e.themes, publication: e.publications, reseau: { instagram: e.echanges } },
              );
              await marquerAgregatsARefaire(tx, p.departement, e.mois);
              return;
            }
            const tous = await tx
              .select({
                id: rapportsMensuels.id,
                departement: rapportsMensuels.departement,
                mois: rapportsMensuels.mois,
              })
              .from(rapportsMensuels)
              .orderBy(rapportsMensuels.id);
            const r = tous[e.rang % Math.max(1, tous.length)];
            if (!r) return;
            if (e.type === "statut") {
              await tx.update(rapportsMensuels).set({ statut: e.statut }).where(eq(rapportsMensuels.id, r.id));
            } else {
              await tx.delete(rapportsMensuels).where(eq(rapportsMensuels.id, r.id));
            }
            await marquerAgregatsARefaire(tx, r.departement, r.mois);
          });
        }
        for (const vue of ["coordination", "agregee"] as const) {
          const parAgregats = await indicateursRapports(db, filtre, ANNEE_2027, vue, { source: "agregats" });
          const parRapports = await indicateursRapports(db, filtre, ANNEE_2027, vue, { source: "rapports" });
          expect(parAgregats).toEqual(parRapports);
        }
        expect(await rapportsParDepartement(db, filtre, { source: "agregats" })).toEqual(
          await rapportsParDepartement(db, filtre, { source: "rapports" }),
        );
      }),
      { numRuns: 12 },
    );
  });
});

describe("chaque commande de bilan marque son mois dans la même transaction", () => {
  /** 5 April 2026, Paris: March 2026 may be submitted. */
  const NOW = new Date("2026-04-05T10:00:00+02:00");
  const ctx = () => ({ db: getDb(), now: NOW, requestId: "test-agregats" });
  let lui: Actor;
  let promeneur: PromeneurRow;
  let coordinateur: Actor;

  const saisie = (): SaisieRapport => ({
    age_nouveaux: { "15_17": 6 },
    age_file: { "15_17": 15 },
    canal: { messages_prives: 40 },
    theme: { scolarite: 10 },
    publication: { information_prevention: 4 },
    orientation: {},
    reseau: { instagram: 40 },
    echangesIndividuels: 35,
    echangesCollectifs: 5,
    heuresEnLigne: 12,
    faitMarquant: "",
  });

  beforeAll(async () => {
    const user = await insertUser(getDb(), { roles: [{ role: "promeneur", departement: "04" }] });
    promeneur = await insertPromeneur(getDb(), {
      statut: "actif",
      userId: user.id,
      entreeLe: new Date("2025-09-01T08:00:00Z"),
    });
    lui = await actorOf(user.id);
    coordinateur = await insertActor(getDb(), { role: "coordinateur", departement: "04" });
  });

  beforeEach(async () => {
    await viderMarques();
  });

  it("soumettre marque le mois ; les indicateurs le comptent aussitôt", async () => {
    const ecrit = await soumettreRapport(ctx(), lui, "2026-03", saisie(), 0);
    expect(await marques()).toEqual([{ departement: "04", mois: "2026-03-01" }]);
    const r = await indicateursRapports(
      getDb(),
      { departements: ["04"], periode: ANNEE_2026 },
      ANNEE_2025,
      "coordination",
    );
    expect(r.jeunes.nouveaux.valeur).toBe(6);
    expect(await marques()).toEqual([]);

    // Validate, send back, reopen: each marks the month.
    await validerRapport(ctx(), coordinateur, ecrit.id);
    expect(await marques()).toEqual([{ departement: "04", mois: "2026-03-01" }]);
    await viderMarques();
    await rouvrirRapport(ctx(), coordinateur, ecrit.id, "Les heures en ligne sont à revoir.");
    expect(await marques()).toEqual([{ departement: "04", mois: "2026-03-01" }]);
    await viderMarques();
    await soumettreRapport(ctx(), lui, "2026-03", saisie());
    await viderMarques();
    await renvoyerRapport(ctx(), coordinateur, ecrit.id, "Merci d'ajouter les orientations.");
    expect(await marques()).toEqual([{ departement: "04", mois: "2026-03-01" }]);
    const apres = await indicateursRapports(
      getDb(),
      { departements: ["04"], periode: ANNEE_2026 },
      ANNEE_2025,
      "coordination",
    );
    expect(apres.jeunes.nouveaux.valeur).toBe(0);
  });

  it("un brouillon ne compte pas : l'enregistrer ne marque rien", async () => {
    await enregistrerBrouillon(ctx(), lui, "2026-02", saisie(), 0);
    expect(await marques()).toEqual([]);
  });

  it("une écriture refusée ne laisse ni marque ni changement", async () => {
    const [avant] = await getDb()
      .select()
      .from(rapportsMensuels)
      .where(and(eq(rapportsMensuels.promeneurId, promeneur.id), eq(rapportsMensuels.mois, "2026-03-01")));
    if (!avant) throw new Error("report missing");
    // A stale version, for the promeneur and for the coordinator.
    await invalid(() => soumettreRapport(ctx(), lui, "2026-03", saisie(), avant.version - 1));
    await invalid(() => validerRapport(ctx(), coordinateur, avant.id, avant.version - 1));
    expect(await marques()).toEqual([]);
    const [apres] = await getDb().select().from(rapportsMensuels).where(eq(rapportsMensuels.id, avant.id));
    expect(apres).toEqual(avant);
  });

  it("la marque part avec la transaction : annulée, elle n'est pas écrite", async () => {
    await expect(
      getDb().transaction(async (tx) => {
        await marquerAgregatsARefaire(tx, "04", "2026-01-01");
        throw new Error("échec après l'écriture");
      }),
    ).rejects.toThrow("échec");
    expect(await marques()).toEqual([]);
    expect(await refaireAgregats(getDb())).toBe(0);
  });
});
