import { auditLog, numerosAide } from "@db/schema";
import { seedNumerosNationaux } from "@db/seed/numeros-aide";
import { and, count, eq, isNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/domain/comptes/actor";
import { findNumerosPourDepartement } from "~/domain/orientation/numero.queries.server";
import { NUMEROS_NATIONAUX, NUMEROS_NATIONAUX_VERIFIES_LE } from "~/domain/orientation/numeros-nationaux";
import { jourIso } from "~/lib/jour";
import { getDb } from "~/server/db.server";
import { insertStructure } from "../../../tests/factories/structure";
import { insertActor, insertCoordination } from "../../../tests/support/acteurs";
import { contextFor, getRequest, outcome, postRequest } from "../../../tests/support/route";
import * as besoinDAide from "../public/besoin-d-aide";
import * as coordination from "./coordination";
import * as liste from "./numeros";
import * as detail from "./numeros.$id";
import * as nouveau from "./numeros.nouveau";

type Loader = (args: never) => unknown;
const load = (loader: Loader, actor: Actor | null, path: string, params: Record<string, string> = {}) =>
  outcome(() => loader({ request: getRequest(path), context: contextFor(actor), params } as never));
const post = (
  action: Loader,
  actor: Actor | null,
  path: string,
  fields: Record<string, string | string[]>,
  params: Record<string, string> = {},
) => outcome(() => action({ request: postRequest(path, fields), context: contextFor(actor), params } as never));

const valide = {
  nom: "Point Accueil Écoute Jeunes (essai)",
  genre: "ecoute",
  telephone: "04.65.71.00.99",
  url: "https://www.exemple.fr/paej",
  horaires: "Du lundi au vendredi, de 9 h à 17 h",
  public: "jeunes",
  gratuit: "oui",
  source: "Appel au service",
  verifieLe: "2026-01-15",
  ordre: "3",
};

async function compter() {
  const [n] = await getDb().select({ n: count() }).from(numerosAide);
  const [a] = await getDb().select({ n: count() }).from(auditLog);
  return { numeros: n?.n ?? 0, audit: a?.n ?? 0 };
}

async function insertLocal(departement: string, values: Partial<typeof numerosAide.$inferInsert> = {}) {
  const [row] = await getDb()
    .insert(numerosAide)
    .values({
      departement,
      nom: `Service local ${departement} ${Math.random()}`,
      telephone: "04 65 71 00 01",
      source: "Essai",
      verifieLe: "2026-01-01",
      ...values,
    })
    .returning();
  if (!row) throw new Error("not inserted");
  return row;
}

async function national(code: string) {
  const [row] = await getDb()
    .select()
    .from(numerosAide)
    .where(and(isNull(numerosAide.departement), eq(numerosAide.code, code)));
  if (!row) throw new Error(`no national ${code}`);
  return row;
}

let coordinateur04: Actor;
let coordinateur05: Actor;
let copil04: Actor;
let nationalActor: Actor;
let promeneur04: Actor;
let referent04: Actor;

beforeAll(async () => {
  ({ coordinateur04, coordinateur05, copil04, national: nationalActor } = await insertCoordination(getDb()));
  promeneur04 = await insertActor(getDb(), { role: "promeneur", departement: "04" });
  const structure = await insertStructure(getDb(), { departement: "04" });
  referent04 = await insertActor(getDb(), { role: "referent", departement: "04", structureId: structure.id });
});

describe("numéros nationaux de référence", () => {
  it("sont dans toute base, sans département, avec leur source et la date de vérification de la liste", async () => {
    const rows = await getDb().select().from(numerosAide).where(isNull(numerosAide.departement));
    for (const n of NUMEROS_NATIONAUX) {
      const row = rows.find((r) => r.code === n.code);
      expect(row, n.code).toBeDefined();
      expect(row?.verifieLe).toBe(NUMEROS_NATIONAUX_VERIFIES_LE);
      expect(row?.nom).toBe(n.nom);
      expect(row?.actif).toBe(true);
    }
    expect((await national("fil-sante-jeunes")).telephone).toBe("0 800 235 236");
    expect((await national("114")).sms).toBe("114");
    expect((await national("3114")).source).toBe("https://3114.fr");
  });

  it("ne réécrit jamais une entrée modifiée par l'équipe nationale et n'ajoute pas de doublon", async () => {
    const avant = await national("3018");
    await getDb()
      .update(numerosAide)
      .set({ horaires: "Horaires modifiés par l'équipe nationale", actif: false })
      .where(eq(numerosAide.id, avant.id));
    const { numeros } = await compter();
    expect((await seedNumerosNationaux(getDb())).inserted).toBe(0);
    expect((await compter()).numeros).toBe(numeros);
    const apres = await national("3018");
    expect(apres.horaires).toBe("Horaires modifiés par l'équipe nationale");
    expect(apres.actif).toBe(false);
    await getDb()
      .update(numerosAide)
      .set({ horaires: avant.horaires, actif: true })
      .where(eq(numerosAide.id, avant.id));
  });

  it("réécrit à chaque démarrage les catégories de situation d'une ligne nationale, et rien d'autre", async () => {
    const avant = await national("3018");
    expect(avant.categories).toEqual(["harcelement", "conduites_a_risque_en_ligne"]);
    expect((await national("112")).categories).toEqual([]);
    await getDb()
      .update(numerosAide)
      .set({ categories: ["addiction"], horaires: "Horaires modifiés par l'équipe nationale" })
      .where(eq(numerosAide.id, avant.id));
    expect(await seedNumerosNationaux(getDb())).toEqual({ inserted: 0, updated: 1 });
    const apres = await national("3018");
    expect(apres.categories).toEqual(["harcelement", "conduites_a_risque_en_ligne"]);
    expect(apres.horaires).toBe("Horaires modifiés par l'équipe nationale");
    expect(await seedNumerosNationaux(getDb())).toEqual({ inserted: 0, updated: 0 });
    await getDb().update(numerosAide).set({ horaires: avant.horaires }).where(eq(numerosAide.id, avant.id));
  });

  it("remet une ligne nationale manquante", async () => {
    await getDb()
      .delete(numerosAide)
      .where(and(isNull(numerosAide.departement), eq(numerosAide.code, "3919")));
    expect((await seedNumerosNationaux(getDb())).inserted).toBe(1);
    expect((await national("3919")).telephone).toBe("3919");
  });
});

describe("page publique « Besoin d'aide »", () => {
  it("lit l'annuaire : urgence d'abord, puis écoute, signalement et services du 04 actifs seulement", async () => {
    const actifLocal = await insertLocal("04", { nom: "Maison des Adolescents (essai public)" });
    const masque = await insertLocal("04", { nom: "Service masqué (essai)", actif: false });
    const autre = await insertLocal("05", { nom: "Service du 05 (essai)" });
    const result = await load(besoinDAide.loader, null, "/besoin-d-aide");
    const { groupes } = result.data as {
      groupes: Record<"urgence" | "ecoute" | "signalement" | "locaux", { id: string; code: string | null }[]>;
    };
    expect(groupes.urgence.map((n) => n.code)).toEqual(["112", "15", "17", "18", "114"]);
    expect(groupes.ecoute.map((n) => n.code)).toContain("3114");
    expect(groupes.signalement.map((n) => n.code)).toEqual(["pharos", "miviludes"]);
    const locaux = groupes.locaux.map((n) => n.id);
    expect(locaux).toContain(actifLocal.id);
    expect(locaux).not.toContain(masque.id);
    expect(locaux).not.toContain(autre.id);
  });

  it("filtre par catégorie de situation en gardant les services généraux", async () => {
    const cible = await insertLocal("04", { nom: "Service harcèlement (essai)", categories: ["harcelement"] });
    const autreCategorie = await insertLocal("04", { nom: "Service addictions (essai)", categories: ["addiction"] });
    const ids = (await findNumerosPourDepartement(getDb(), "04", { categories: ["harcelement"] })).map((n) => n.id);
    expect(ids).toContain(cible.id);
    expect(ids).not.toContain(autreCategorie.id);
    // The national lines answer their own categories; the emergency numbers (none) every one.
    expect(ids).toContain((await national("3018")).id);
    expect(ids).toContain((await national("112")).id);
    expect(ids).not.toContain((await national("3114")).id);
  });
});

describe("back-office des numéros d'aide : permissions", () => {
  it("refuse la liste et l'ajout aux rôles copil, référent et promeneur (403)", async () => {
    for (const actor of [copil04, referent04, promeneur04]) {
      expect((await load(liste.loader, actor, "/espace/numeros")).status).toBe(403);
      expect((await load(nouveau.loader, actor, "/espace/numeros/nouveau")).status).toBe(403);
      const avant = await compter();
      expect((await post(nouveau.action, actor, "/espace/numeros/nouveau", valide)).status).toBe(403);
      expect(await compter()).toEqual(avant);
    }
  });

  it("répond 404 à la coordination du 05 pour un service du 04", async () => {
    const service = await insertLocal("04");
    expect(
      (await load(detail.loader, coordinateur05, `/espace/numeros/${service.id}`, { id: service.id })).status,
    ).toBe(404);
    const avant = await compter();
    for (const intent of ["verifier", "desactiver"]) {
      const r = await post(
        detail.action,
        coordinateur05,
        `/espace/numeros/${service.id}`,
        { intent },
        { id: service.id },
      );
      expect(r.status).toBe(404);
    }
    const r = await post(
      detail.action,
      coordinateur05,
      `/espace/numeros/${service.id}`,
      { ...valide, intent: "enregistrer" },
      { id: service.id },
    );
    expect(r.status).toBe(404);
    expect(await compter()).toEqual(avant);
    expect((await load(liste.loader, coordinateur05, "/espace/numeros?departement=04")).status).toBe(404);
  });

  it("montre les numéros nationaux à la coordination sans lui permettre de les modifier (403)", async () => {
    const ligne = await national("119");
    const data = (await load(liste.loader, coordinateur04, "/espace/numeros")).data as {
      numeros: { id: string; modifiable: boolean }[];
    };
    expect(data.numeros.find((n) => n.id === ligne.id)?.modifiable).toBe(false);
    expect((await load(detail.loader, coordinateur04, `/espace/numeros/${ligne.id}`, { id: ligne.id })).status).toBe(
      403,
    );
    const avant = await compter();
    const r = await post(
      detail.action,
      coordinateur04,
      `/espace/numeros/${ligne.id}`,
      { ...valide, intent: "enregistrer" },
      { id: ligne.id },
    );
    expect(r.status).toBe(403);
    expect((await post(detail.action, coordinateur04, "", { intent: "desactiver" }, { id: ligne.id })).status).toBe(
      403,
    );
    expect((await post(nouveau.action, coordinateur04, "/espace/numeros/nouveau?portee=national", valide)).status).toBe(
      403,
    );
    expect(await compter()).toEqual(avant);
    expect((await national("119")).nom).toBe(ligne.nom);
  });

  it("laisse l'équipe nationale modifier une ligne nationale, avec sa ligne de journal", async () => {
    const ligne = await national("3919");
    const r = await post(
      detail.action,
      nationalActor,
      `/espace/numeros/${ligne.id}`,
      {
        intent: "enregistrer",
        nom: ligne.nom,
        genre: "ecoute",
        telephone: "3919",
        url: ligne.url ?? "",
        horaires: "24 h/24, 7 j/7 (vérifié)",
        public: "tous",
        gratuit: "oui",
        source: ligne.source,
        verifieLe: "2026-11-01",
      },
      { id: ligne.id },
    );
    expect(r.status).toBe(302);
    const apres = await national("3919");
    expect(apres.horaires).toBe("24 h/24, 7 j/7 (vérifié)");
    const journal = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, ligne.id), eq(auditLog.action, "numero.modifier")));
    expect(journal).toHaveLength(1);
    expect(journal[0]?.actorUserId).toBe(nationalActor.userId);
  });
});

describe("back-office des numéros d'aide : saisie", () => {
  it("ajoute un service du département, téléphone normalisé, avec sa ligne de journal", async () => {
    const r = await post(nouveau.action, coordinateur04, "/espace/numeros/nouveau", valide);
    expect(r.status).toBe(302);
    const [row] = await getDb().select().from(numerosAide).where(eq(numerosAide.nom, valide.nom));
    expect(row).toMatchObject({
      departement: "04",
      telephone: "04 65 71 00 99",
      public: "jeunes",
      gratuit: true,
      ordre: 3,
      verifieLe: "2026-01-15",
      majPar: coordinateur04.userId,
    });
    const journal = await getDb()
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, row?.id ?? ""));
    expect(journal.map((a) => a.action)).toEqual(["numero.creer"]);
  });

  it("garde les catégories de situation cochées pour un service du département", async () => {
    const nom = "Service catégories (essai)";
    const r = await post(nouveau.action, coordinateur04, "/espace/numeros/nouveau", {
      ...valide,
      nom,
      categories: ["violences", "harcelement"],
    });
    expect(r.status).toBe(302);
    const [row] = await getDb().select().from(numerosAide).where(eq(numerosAide.nom, nom));
    expect(row?.categories).toEqual(["harcelement", "violences"]);
    const ids = (await findNumerosPourDepartement(getDb(), "04", { categories: ["violences"] })).map((n) => n.id);
    expect(ids).toContain(row?.id);
    expect(
      (await findNumerosPourDepartement(getDb(), "04", { categories: ["addiction"] })).map((n) => n.id),
    ).not.toContain(row?.id);

    // Unticked: general again (shown for every situation), and the change is in the journal.
    const m = await post(
      detail.action,
      coordinateur04,
      "",
      { ...valide, nom, intent: "enregistrer" },
      { id: row?.id ?? "" },
    );
    expect(m.status).toBe(302);
    const [apres] = await getDb().select().from(numerosAide).where(eq(numerosAide.nom, nom));
    expect(apres?.categories).toEqual([]);
    const [journal] = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, row?.id ?? ""), eq(auditLog.action, "numero.modifier")));
    expect(journal?.changes).toMatchObject({ categories: { avant: ["harcelement", "violences"], apres: [] } });

    const avant = await compter();
    const refus = await post(nouveau.action, coordinateur04, "/espace/numeros/nouveau", {
      ...valide,
      nom: "Service catégorie inconnue (essai)",
      categories: ["voisinage"],
    });
    expect(refus.status).toBe(400);
    expect(await compter()).toEqual(avant);
  });

  it("ne laisse pas le formulaire changer les catégories d'une ligne nationale : elles suivent la liste", async () => {
    const ligne = await national("3114");
    const r = await post(
      detail.action,
      nationalActor,
      `/espace/numeros/${ligne.id}`,
      {
        intent: "enregistrer",
        nom: ligne.nom,
        genre: "ecoute",
        telephone: "3114",
        url: ligne.url ?? "",
        horaires: ligne.horaires,
        public: "tous",
        gratuit: "oui",
        source: ligne.source,
        verifieLe: ligne.verifieLe,
        categories: ["addiction"],
      },
      { id: ligne.id },
    );
    expect(r.status).toBe(302);
    expect((await national("3114")).categories).toEqual(["detresse_psychologique"]);
  });

  it("refuse une saisie invalide (400), les erreurs à côté des champs, rien d'écrit", async () => {
    const cas: [Record<string, string>, string][] = [
      [{ nom: "" }, "nom"],
      [{ telephone: "", url: "" }, "telephone"],
      [{ telephone: "04 65 71" }, "telephone"],
      [{ url: "javascript:alert(1)" }, "url"],
      [{ source: "" }, "source"],
      [{ verifieLe: "2999-01-01" }, "verifieLe"],
    ];
    for (const [changes, champ] of cas) {
      const avant = await compter();
      const r = await post(nouveau.action, coordinateur04, "/espace/numeros/nouveau", { ...valide, ...changes });
      expect(r.status, champ).toBe(400);
      const reply = r.data as { error?: Record<string, string[] | null> };
      expect(reply.error?.[champ]?.[0], champ).toMatch(/\w/);
      expect(await compter()).toEqual(avant);
    }
  });

  it("« Vérifié aujourd'hui » date la fiche du jour ; masquer la retire de la page publique", async () => {
    const service = await insertLocal("04", { verifieLe: "2024-01-01" });
    const avant = (await load(liste.loader, coordinateur04, "/espace/numeros")).data as {
      numeros: { id: string; aReverifier: boolean }[];
    };
    expect(avant.numeros.find((n) => n.id === service.id)?.aReverifier).toBe(true);

    const v = await post(detail.action, coordinateur04, "", { intent: "verifier" }, { id: service.id });
    expect(v.status).toBe(302);
    const [verifie] = await getDb().select().from(numerosAide).where(eq(numerosAide.id, service.id));
    expect(verifie?.verifieLe).toBe(jourIso(new Date()));

    const d = await post(detail.action, coordinateur04, "", { intent: "desactiver" }, { id: service.id });
    expect(d.status).toBe(302);
    const publics = await findNumerosPourDepartement(getDb(), "04");
    expect(publics.map((n) => n.id)).not.toContain(service.id);

    await post(detail.action, coordinateur04, "", { intent: "reactiver" }, { id: service.id });
    expect((await findNumerosPourDepartement(getDb(), "04")).map((n) => n.id)).toContain(service.id);
    const actions = (await getDb().select().from(auditLog).where(eq(auditLog.entityId, service.id))).map(
      (a) => a.action,
    );
    expect(actions.sort()).toEqual(["numero.desactiver", "numero.reactiver", "numero.verifier"]);
  });

  it("compte les fiches à revérifier sur le tableau de bord de la coordination", async () => {
    const before = (await load(coordination.loader, coordinateur04, "/espace/coordination")).data as {
      numerosAReverifier: number;
    };
    await insertLocal("04", { verifieLe: "2020-05-05" });
    await insertLocal("04", { verifieLe: "2020-05-05", actif: false });
    const after = (await load(coordination.loader, coordinateur04, "/espace/coordination")).data as {
      numerosAReverifier: number;
    };
    expect(after.numerosAReverifier).toBe(before.numerosAReverifier + 1);
  });
});
