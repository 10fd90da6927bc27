import { auditLog, promeneurs, users } from "@db/schema";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/domain/comptes/actor";
import {
  CONSERVATION_COMPTES_INACTIFS_ANS,
  CONSERVATION_JOURNAL_ANS,
} from "~/domain/donnees-personnelles/conservation.rules";
import { getDb } from "~/server/db.server";
import { insertPromeneur } from "../../../tests/factories/promeneur";
import { insertStructure } from "../../../tests/factories/structure";
import { insertUser, type UserRow } from "../../../tests/factories/user";
import { insertActor } from "../../../tests/support/acteurs";
import { page, render } from "../../../tests/support/render";
import { contextFor, getRequest, outcome, postRequest } from "../../../tests/support/route";
import * as liste from "./donnees-personnelles";
import * as effacer from "./donnees-personnelles.$userId";
import * as mesDonnees from "./mes-donnees";
import * as exportJson from "./mes-donnees.export";
import * as registre from "./registre";

type Args = { request: Request; context: ReturnType<typeof contextFor>; params: Record<string, string> };
const call = (
  fn: (args: never) => unknown,
  actor: Actor | null,
  request: Request,
  params: Record<string, string> = {},
) => outcome(() => fn({ request, context: contextFor(actor), params } satisfies Args as never));

const roles = [
  "coordinateur04",
  "coordinateur05",
  "copil04",
  "referent04",
  "promeneur04",
  "evaluateur04",
  "national",
] as const;
const actors = {} as Record<(typeof roles)[number], Actor>;

/** A promeneur of 04 who left, with an account: the person to erase. */
async function insertParti(): Promise<UserRow> {
  const db = getDb();
  const user = await insertUser(db, { nom: "Sacha Parti", roles: [{ role: "promeneur", departement: "04" }] });
  await insertPromeneur(db, { userId: user.id, statut: "sorti", email: user.email });
  return user;
}

beforeAll(async () => {
  const db = getDb();
  const structure = await insertStructure(db, { departement: "04" });
  actors.coordinateur04 = await insertActor(db, { role: "coordinateur", departement: "04" });
  actors.coordinateur05 = await insertActor(db, { role: "coordinateur", departement: "05" });
  actors.copil04 = await insertActor(db, { role: "copil", departement: "04" });
  actors.referent04 = await insertActor(db, { role: "referent", departement: "04", structureId: structure.id });
  actors.promeneur04 = await insertActor(db, { role: "promeneur", departement: "04" });
  actors.evaluateur04 = await insertActor(db, { role: "evaluateur", departement: "04" });
  actors.national = await insertActor(db, { role: "national" });
});

describe("/espace/mes-donnees et son export", () => {
  it("s'ouvrent pour chaque rôle, et renvoient vers la connexion sans session", async () => {
    for (const role of roles) {
      expect((await call(mesDonnees.loader, actors[role], getRequest("/espace/mes-donnees"))).status).toBe(200);
      expect((await call(exportJson.loader, actors[role], getRequest("/espace/mes-donnees/export"))).status).toBe(200);
    }
    const anonyme = await call(mesDonnees.loader, null, getRequest("/espace/mes-donnees"));
    expect(anonyme.location).toMatch(/^\/connexion/);
    expect((await call(exportJson.loader, null, getRequest("/espace/mes-donnees/export"))).location).toMatch(
      /^\/connexion/,
    );
  });

  it("télécharge le JSON de la personne connectée seulement, et le journalise", async () => {
    const moi = await insertActor(getDb(), { role: "promeneur", departement: "04" });
    const res = await call(exportJson.loader, moi, getRequest("/espace/mes-donnees/export"));
    expect(res.headers.get("Content-Type")).toMatch(/application\/json/);
    expect(res.headers.get("Content-Disposition")).toMatch(/attachment; filename="mes-donnees-pdn-/);
    const json = JSON.parse(String(res.data));
    const compte = json.rubriques.find((r: { rubrique: string }) => r.rubrique === "Compte");
    expect(compte.lignes).toEqual([expect.objectContaining({ id: moi.userId, email: moi.email })]);
    expect(String(res.data)).not.toContain(actors.copil04.email);
    expect(String(res.data)).not.toMatch(/passwordHash|scrypt/);
    const trace = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "donnees.exporter"), eq(auditLog.actorUserId, moi.userId)));
    expect(trace).toHaveLength(1);
  });

  it("affiche le résumé en français avec le lien de téléchargement", async () => {
    const res = await call(mesDonnees.loader, actors.promeneur04, getRequest("/espace/mes-donnees"));
    const html = render(page(mesDonnees.default)(res.data));
    expect(html).toContain("Télécharger toutes mes données (JSON)");
    expect(html).toContain('href="/espace/mes-donnees/export"');
    expect(html).toContain(`pendant ${CONSERVATION_COMPTES_INACTIFS_ANS}\u00a0ans`);
  });
});

describe("/espace/donnees-personnelles : effacement par la coordination", () => {
  it("liste et confirmation : la coordination du département seulement", async () => {
    const parti = await insertParti();
    const attendus: Record<(typeof roles)[number], number> = {
      coordinateur04: 200,
      coordinateur05: 404,
      copil04: 403,
      referent04: 403,
      promeneur04: 403,
      evaluateur04: 403,
      national: 403,
    };
    for (const role of roles) {
      const path = "/espace/donnees-personnelles?departement=04";
      expect({ role, status: (await call(liste.loader, actors[role], getRequest(path))).status }).toEqual({
        role,
        status: attendus[role],
      });
      const confirmation = await call(
        effacer.loader,
        actors[role],
        getRequest(`/espace/donnees-personnelles/${parti.id}`),
        { userId: parti.id },
      );
      // Without ?departement, the coordinator of 05 looks in 05, where this person is not: 404 too.
      expect({ role, status: confirmation.status }).toEqual({ role, status: attendus[role] });
    }
    const res = await call(liste.loader, actors.coordinateur04, getRequest("/espace/donnees-personnelles"));
    const html = render(page(liste.default)(res.data));
    expect(html).toContain("Sacha Parti");
    expect(html).toContain(`/espace/donnees-personnelles/${parti.id}?departement=04`);
  });

  it("refuse une confirmation mal tapée (400, message près du champ, rien de changé)", async () => {
    const parti = await insertParti();
    const res = await call(
      effacer.action,
      actors.coordinateur04,
      postRequest(`/espace/donnees-personnelles/${parti.id}`, { confirmation: "oui" }),
      { userId: parti.id },
    );
    expect(res.status).toBe(400);
    const result = (res.data as { result: { error: Record<string, string[]> } }).result;
    expect(result.error.confirmation).toEqual(["Tapez EFFACER pour confirmer l'effacement."]);
    const [intact] = await getDb().select().from(users).where(eq(users.id, parti.id));
    expect(intact).toMatchObject({ nom: "Sacha Parti", effaceLe: null });
    const loaded = await call(
      effacer.loader,
      actors.coordinateur04,
      getRequest(`/espace/donnees-personnelles/${parti.id}`),
      {
        userId: parti.id,
      },
    );
    const html = render(page(effacer.default)(loaded.data, res.data));
    expect(html).toContain("Tapez EFFACER pour confirmer l&#x27;effacement.");
  });

  it("refuse l'action aux autres rôles et à la coordination d'un autre département", async () => {
    const parti = await insertParti();
    for (const role of roles.filter((r) => r !== "coordinateur04")) {
      const res = await call(
        effacer.action,
        actors[role],
        postRequest(`/espace/donnees-personnelles/${parti.id}`, { confirmation: "EFFACER" }),
        { userId: parti.id },
      );
      expect({ role, status: res.status }).toEqual({ role, status: role === "coordinateur05" ? 404 : 403 });
    }
    const crossDep = await call(
      effacer.action,
      actors.coordinateur05,
      postRequest(`/espace/donnees-personnelles/${parti.id}?departement=04`, { confirmation: "EFFACER" }),
      { userId: parti.id },
    );
    expect(crossDep.status).toBe(404);
    const [intact] = await getDb().select().from(users).where(eq(users.id, parti.id));
    expect(intact?.effaceLe).toBeNull();
  });

  it("efface après confirmation et revient à la liste", async () => {
    const parti = await insertParti();
    const res = await call(
      effacer.action,
      actors.coordinateur04,
      postRequest(`/espace/donnees-personnelles/${parti.id}?departement=04`, { confirmation: "effacer" }),
      { userId: parti.id },
    );
    expect(res.status).toBe(302);
    expect(res.location).toBe("/espace/donnees-personnelles?departement=04");
    const [efface] = await getDb().select().from(users).where(eq(users.id, parti.id));
    expect(efface?.nom).toMatch(/^Personne effacée n°\u00a0\d+$/);
    const [fiche] = await getDb().select().from(promeneurs).where(eq(promeneurs.userId, parti.id));
    expect(fiche?.email).toMatch(/@efface\.invalid$/);
    // Gone from the list; its page is now a 404.
    const again = await call(
      effacer.loader,
      actors.coordinateur04,
      getRequest(`/espace/donnees-personnelles/${parti.id}`),
      {
        userId: parti.id,
      },
    );
    expect(again.status).toBe(404);
  });
});

describe("/espace/registre", () => {
  it("s'ouvre pour la coordination et le comité de pilotage, pas pour les autres", async () => {
    const attendus: Record<(typeof roles)[number], number> = {
      coordinateur04: 200,
      coordinateur05: 200,
      copil04: 200,
      referent04: 403,
      promeneur04: 403,
      evaluateur04: 403,
      national: 403,
    };
    for (const role of roles) {
      const res = await call(registre.loader, actors[role], getRequest("/espace/registre"));
      expect({ role, status: res.status }).toEqual({ role, status: attendus[role] });
    }
  });

  it("donne chaque traitement et les durées appliquées par la tâche de conservation", async () => {
    const res = await call(registre.loader, actors.copil04, getRequest("/espace/registre"));
    const html = render(page(registre.default)(res.data));
    for (const nom of [
      "Comptes de l&#x27;espace professionnel",
      "Annuaire public des promeneurs",
      "Bilans mensuels d&#x27;activité",
      "Regroupements, invitations et présences",
      "Appels à candidatures",
      "Formulaire de contact du site public",
      "Journal des modifications (audit)",
      "Sauvegardes",
    ]) {
      expect(html).toContain(nom);
    }
    expect(html).toContain(`après ${CONSERVATION_COMPTES_INACTIFS_ANS}\u00a0ans sans connexion`);
    expect(html).toContain(`${CONSERVATION_JOURNAL_ANS}\u00a0ans, puis suppression automatique`);
    expect(html).toContain("12\u00a0mois après la réception");
  });
});
