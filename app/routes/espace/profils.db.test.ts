import { parametresDepartement, profilsSociaux, promeneurs, verificationsProfil } from "@db/schema";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/domain/comptes/actor";
import { findControles } from "~/domain/profils/conformite.queries.server";
import { flashContext } from "~/server/context.server";
import { getDb } from "~/server/db.server";
import { insertProfil, insertPromeneur, type PromeneurRow } from "../../../tests/factories/promeneur";
import { insertUser } from "../../../tests/factories/user";
import { insertActor, insertCoordination } from "../../../tests/support/acteurs";
import { actorOf, contextFor, getRequest, outcome, postRequest } from "../../../tests/support/route";
import * as conformite from "./conformite";
import * as reglages from "./conformite.reglages";
import * as profilPage from "./profils.$profilId";
import * as verifierPage from "./profils.$profilId.verifier";
import * as profilsPage from "./promeneurs.$id.profils";

type Reply = { status?: string; error?: Record<string, string[] | null> };

const load = (
  mod: { loader: (args: never) => unknown },
  actor: Actor | null,
  path: string,
  params: Record<string, string> = {},
) => outcome(() => mod.loader({ request: getRequest(path), context: contextFor(actor), params } as never));

const post = (
  mod: { action: (args: never) => unknown },
  actor: Actor | null,
  path: string,
  fields: Record<string, string | string[]>,
  params: Record<string, string> = {},
) => {
  const context = contextFor(actor);
  return {
    context,
    result: outcome(() => mod.action({ request: postRequest(path, fields), context, params } as never)),
  };
};

let coordinateur04: Actor;
let coordinateur05: Actor;
let copil04: Actor;
let national: Actor;
let promeneur: PromeneurRow;
let soi: Actor;
let referent: Actor;
let autrePromeneur: Actor;

beforeAll(async () => {
  const db = getDb();
  ({ coordinateur04, coordinateur05, copil04, national } = await insertCoordination(db));
  promeneur = await insertPromeneur(db, { statut: "actif", prenom: "Julie", nom: "Martinez" });
  const user = await insertUser(db, { roles: [{ role: "promeneur", departement: "04" }] });
  await db.update(promeneurs).set({ userId: user.id }).where(eq(promeneurs.id, promeneur.id));
  soi = await actorOf(user.id);
  referent = await insertActor(db, { role: "referent", departement: "04", structureId: promeneur.structureId });
  const autre = await insertPromeneur(db, { statut: "actif" });
  const autreUser = await insertUser(db, { roles: [{ role: "promeneur", departement: "04" }] });
  await db.update(promeneurs).set({ userId: autreUser.id }).where(eq(promeneurs.id, autre.id));
  autrePromeneur = await actorOf(autreUser.id);
});

const profilsPath = () => `/espace/promeneurs/${promeneur.id}/profils`;
const profilsDuPromeneur = () =>
  getDb().select().from(profilsSociaux).where(eq(profilsSociaux.promeneurId, promeneur.id));

describe("page des profils d'un promeneur", () => {
  it("montre les profils au promeneur lui-même, qui peut les gérer mais pas les vérifier", async () => {
    const profil = await insertProfil(getDb(), promeneur, { handle: "julie.pdn04" });
    const result = await load(profilsPage, soi, profilsPath(), { id: promeneur.id });
    expect(result.status).toBe(200);
    const data = result.data as { profils: { id: string; statut: string }[]; may: Record<string, boolean> };
    expect(data.profils).toContainEqual(expect.objectContaining({ id: profil.id, statut: "a_verifier" }));
    expect(data.may).toEqual({ gerer: true, verifier: false });
  });

  it("laisse lire le référent de la structure et le national, sans gérer ni vérifier ; le coordinateur vérifie", async () => {
    const lire = async (actor: Actor) =>
      (await load(profilsPage, actor, profilsPath(), { id: promeneur.id })).data as { may: Record<string, boolean> };
    expect((await lire(referent)).may).toEqual({ gerer: false, verifier: false });
    expect((await lire(national)).may).toEqual({ gerer: false, verifier: false });
    expect((await lire(coordinateur04)).may).toEqual({ gerer: true, verifier: true });
  });

  it("répond 404 à qui ne voit pas le promeneur : coordinateur du 05, autre promeneur, copil (comme ses horaires)", async () => {
    const status = async (actor: Actor) => (await load(profilsPage, actor, profilsPath(), { id: promeneur.id })).status;
    expect(await status(coordinateur05)).toBe(404);
    expect(await status(autrePromeneur)).toBe(404);
    expect(await status(copil04)).toBe(404);
  });

  it("ajoute un profil : redirection vers la liste et message", async () => {
    const { result, context } = post(
      profilsPage,
      soi,
      profilsPath(),
      { reseau: "tiktok", saisie: "@pdn04_julie" },
      {
        id: promeneur.id,
      },
    );
    expect(await result).toMatchObject({ status: 302, location: profilsPath() });
    expect(context.get(flashContext).next).toContain("ajouté");
    expect((await profilsDuPromeneur()).map((p) => p.handle)).toContain("pdn04_julie");
  });

  it("répond 400 avec l'erreur sur le champ pour une adresse d'un autre réseau, sans rien écrire", async () => {
    const avant = (await profilsDuPromeneur()).length;
    const { result } = post(
      profilsPage,
      soi,
      profilsPath(),
      { reseau: "instagram", saisie: "https://www.tiktok.com/@pdn04_autre" },
      { id: promeneur.id },
    );
    const reply = await result;
    expect(reply.status).toBe(400);
    expect((reply.data as Reply).error?.saisie?.[0]).toContain("mais une adresse TikTok");
    expect(await profilsDuPromeneur()).toHaveLength(avant);
  });

  it("demande de confirmer un nom de compte personnel, puis l'enregistre avec la case cochée", async () => {
    const champs = { reseau: "instagram", saisie: "julie.martinez" };
    const premier = await post(profilsPage, soi, profilsPath(), champs, { id: promeneur.id }).result;
    expect(premier.status).toBe(400);
    expect((premier.data as Reply).error?.confirmationPersonnel?.[0]).toContain("cochez la case de confirmation");
    const second = await post(
      profilsPage,
      soi,
      profilsPath(),
      { ...champs, confirmationPersonnel: "on" },
      { id: promeneur.id },
    ).result;
    expect(second.status).toBe(302);
    const [profil] = (await profilsDuPromeneur()).filter((p) => p.handle === "julie.martinez");
    expect(profil?.avertissementAccepte).toBe(true);
  });

  it("répond 403 au référent qui ajoute un profil, avant de lire le formulaire", async () => {
    const avant = (await profilsDuPromeneur()).length;
    const { result } = post(
      profilsPage,
      referent,
      profilsPath(),
      { reseau: "instagram", saisie: "" },
      {
        id: promeneur.id,
      },
    );
    expect((await result).status).toBe(403);
    expect(await profilsDuPromeneur()).toHaveLength(avant);
  });
});

describe("page d'un profil : modifier, supprimer", () => {
  it("demande de cocher la confirmation avant de supprimer, puis supprime", async () => {
    const profil = await insertProfil(getDb(), promeneur);
    const path = `/espace/profils/${profil.id}`;
    const sans = await post(profilPage, soi, path, { intent: "supprimer" }, { profilId: profil.id }).result;
    expect(sans.status).toBe(400);
    expect((await profilsDuPromeneur()).map((p) => p.id)).toContain(profil.id);
    const avec = await post(profilPage, soi, path, { intent: "supprimer", confirmer: "on" }, { profilId: profil.id })
      .result;
    expect(avec).toMatchObject({ status: 302, location: profilsPath() });
    expect((await profilsDuPromeneur()).map((p) => p.id)).not.toContain(profil.id);
  });

  it("répond 404 à un autre promeneur qui supprime, sans rien supprimer", async () => {
    const profil = await insertProfil(getDb(), promeneur);
    const { result } = post(
      profilPage,
      autrePromeneur,
      `/espace/profils/${profil.id}`,
      { intent: "supprimer", confirmer: "on" },
      { profilId: profil.id },
    );
    expect((await result).status).toBe(404);
    expect((await profilsDuPromeneur()).map((p) => p.id)).toContain(profil.id);
  });

  it("modifie le compte et le remet à vérifier ; montre l'historique au référent en lecture seule", async () => {
    const profil = await insertProfil(getDb(), promeneur, {
      handle: "julie.pdn.ancien",
      derniereVerificationLe: new Date("2025-01-10T10:00:00Z"),
      dernierResultat: "conforme",
    });
    const path = `/espace/profils/${profil.id}`;
    const { result, context } = post(
      profilPage,
      coordinateur04,
      path,
      { intent: "modifier", reseau: "instagram", saisie: "julie.pdn.nouveau" },
      { profilId: profil.id },
    );
    expect((await result).status).toBe(302);
    expect(context.get(flashContext).next).toContain("de nouveau à vérifier");
    const lu = await load(profilPage, referent, path, { profilId: profil.id });
    expect(lu.status).toBe(200);
    expect(lu.data).toMatchObject({
      profil: { handle: "julie.pdn.nouveau", statut: "a_verifier" },
      may: { gerer: false, verifier: false },
    });
  });
});

describe("page de vérification", () => {
  it("montre la liste de contrôle active au coordinateur, et 403 au référent, 404 au coordinateur du 05", async () => {
    const profil = await insertProfil(getDb(), promeneur);
    const path = `/espace/profils/${profil.id}/verifier`;
    const result = await load(verifierPage, coordinateur04, path, { profilId: profil.id });
    expect(result.status).toBe(200);
    const controles = (result.data as { controles: { code: string; socleNational: boolean }[] }).controles;
    expect(controles.slice(0, 5).every((c) => c.socleNational)).toBe(true);
    expect((await load(verifierPage, referent, path, { profilId: profil.id })).status).toBe(403);
    expect((await load(verifierPage, coordinateur05, path, { profilId: profil.id })).status).toBe(404);
  });

  it("enregistre la vérification et revient à la liste des profils avec le résultat", async () => {
    const profil = await insertProfil(getDb(), promeneur);
    const codes = (await findControles(getDb(), "04", { actifs: true })).map((c) => c.code);
    const { result, context } = post(
      verifierPage,
      coordinateur04,
      `/espace/profils/${profil.id}/verifier`,
      { coches: codes },
      { profilId: profil.id },
    );
    expect(await result).toMatchObject({ status: 302, location: profilsPath() });
    expect(context.get(flashContext).next).toContain("conforme");
    const [row] = await getDb().select().from(profilsSociaux).where(eq(profilsSociaux.id, profil.id));
    expect(row?.dernierResultat).toBe("conforme");
  });

  it("répond 403 au promeneur qui tente de vérifier son propre profil, sans rien écrire", async () => {
    const profil = await insertProfil(getDb(), promeneur);
    const { result } = post(
      verifierPage,
      soi,
      `/espace/profils/${profil.id}/verifier`,
      { coches: ["compte_professionnel"] },
      { profilId: profil.id },
    );
    expect((await result).status).toBe(403);
    expect(await getDb().select().from(verificationsProfil).where(eq(verificationsProfil.profilId, profil.id))).toEqual(
      [],
    );
  });
});

describe("pages de conformité", () => {
  it("liste les profils à vérifier du département du coordinateur, avec les comptes", async () => {
    const result = await load(conformite, coordinateur04, "/espace/conformite");
    expect(result.status).toBe(200);
    const data = result.data as {
      departement: string;
      parCategorie: Record<string, { promeneurId: string }[]>;
      may: Record<string, boolean>;
    };
    expect(data.departement).toBe("04");
    expect(data.parCategorie.a_verifier?.map((p) => p.promeneurId)).toContain(promeneur.id);
    expect(data.may).toEqual({ verifier: true, configurer: true });
  });

  it("laisse le national lire un département, sans vérifier ; 404 au coordinateur du 05, 403 au copil et au référent", async () => {
    const lu = await load(conformite, national, "/espace/conformite?departement=04");
    expect(lu.status).toBe(200);
    expect(lu.data).toMatchObject({ departement: "04", may: { verifier: false, configurer: false } });
    expect((await load(conformite, coordinateur05, "/espace/conformite?departement=04")).status).toBe(404);
    expect((await load(conformite, copil04, "/espace/conformite")).status).toBe(403);
    expect((await load(conformite, referent, "/espace/conformite")).status).toBe(403);
  });

  it.each(["0", "25"])("refuse le délai de %s mois avec un message sur le champ, sans rien écrire", async (delai) => {
    const { result } = post(reglages, coordinateur04, "/espace/conformite/reglages", { intent: "delai", delai });
    const reply = await result;
    expect(reply.status).toBe(400);
    expect(reply.data).toMatchObject({ intent: "delai", champ: "delai" });
    expect((reply.data as { erreur: string }).erreur).toMatch(/mois/);
    expect(
      await getDb().select().from(parametresDepartement).where(eq(parametresDepartement.departement, "04")),
    ).toEqual([]);
  });

  it("enregistre un délai valable, et répond 404 au coordinateur du 05, 403 au national", async () => {
    const refus05 = post(reglages, coordinateur05, "/espace/conformite/reglages?departement=04", {
      intent: "delai",
      delai: "3",
    });
    expect((await refus05.result).status).toBe(404);
    const refusNational = post(reglages, national, "/espace/conformite/reglages?departement=04", {
      intent: "delai",
      delai: "3",
    });
    expect((await refusNational.result).status).toBe(403);
    const { result, context } = post(reglages, coordinateur04, "/espace/conformite/reglages", {
      intent: "delai",
      delai: "9",
    });
    expect(await result).toMatchObject({ status: 302, location: "/espace/conformite/reglages" });
    expect(context.get(flashContext).next).toBe("Délai de vérification enregistré.");
    const [row] = await getDb().select().from(parametresDepartement).where(eq(parametresDepartement.departement, "04"));
    expect(row?.delaiVerificationMois).toBe(9);
  });

  it("renomme, déplace, ajoute un contrôle ; refuse de désactiver un contrôle du socle (400)", async () => {
    const path = "/espace/conformite/reglages";
    const avant = await findControles(getDb(), "04");
    const premier = avant[0];
    const second = avant[1];
    if (!premier || !second) throw new Error("liste vide");
    const socle = await post(reglages, coordinateur04, path, { intent: "desactiver", controleId: premier.id }).result;
    expect(socle.status).toBe(400);
    expect((socle.data as { erreur: string }).erreur).toContain("socle national");
    expect(
      (
        await post(reglages, coordinateur04, path, {
          intent: "renommer",
          controleId: second.id,
          libelle: "Photo nette",
        }).result
      ).status,
    ).toBe(302);
    expect(
      (await post(reglages, coordinateur04, path, { intent: "monter", controleId: second.id }).result).status,
    ).toBe(302);
    expect(
      (
        await post(reglages, coordinateur04, path, { intent: "ajouter", libelle: "Lien vers la page départementale" })
          .result
      ).status,
    ).toBe(302);
    const vide = await post(reglages, coordinateur04, path, { intent: "ajouter", libelle: " " }).result;
    expect(vide.status).toBe(400);
    const apres = await findControles(getDb(), "04");
    expect(apres.map((c) => c.libelle).slice(0, 2)).toEqual(["Photo nette", premier.libelle]);
    expect(apres.at(-1)).toMatchObject({ code: "lien_vers_la_page_departementale", socleNational: false, actif: true });
    expect(apres.every((c) => c.actif)).toBe(true);
  });
});
