import { auditLog, controlesConformite, profilsSociaux, promeneurs, verificationsProfil } from "@db/schema";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/domain/comptes/actor";
import { getDb } from "~/server/db.server";
import { findOutboxMails } from "~/server/mail.server";
import { insertProfil, insertPromeneur, type PromeneurRow } from "../../../tests/factories/promeneur";
import { insertUser } from "../../../tests/factories/user";
import { insertCoordination } from "../../../tests/support/acteurs";
import { actorOf, invalid, outcome } from "../../../tests/support/route";
import { activerControle, ajouterControle, changerDelai } from "./conformite.commands.server";
import { findControles } from "./conformite.queries.server";
import { ajouterProfil, modifierProfil, supprimerProfil, verifierProfil } from "./profil.commands.server";

const NOW = new Date("2025-06-02T08:00:00Z");
const ctx = () => ({ db: getDb(), now: NOW, requestId: "test-profils" });

let coordinateur04: Actor;
let coordinateur05: Actor;
let copil04: Actor;
let national: Actor;

/** A promeneur in 04 with their own account, and the referent of their structure. */
async function promeneurAvecCompte(overrides: Partial<PromeneurRow> = {}) {
  const db = getDb();
  const promeneur = await insertPromeneur(db, { statut: "actif", ...overrides });
  const user = await insertUser(db, { roles: [{ role: "promeneur", departement: promeneur.departement }] });
  await db.update(promeneurs).set({ userId: user.id }).where(eq(promeneurs.id, promeneur.id));
  const referent = await insertUser(db, {
    roles: [{ role: "referent", departement: promeneur.departement, structureId: promeneur.structureId }],
  });
  return { promeneur, actor: await actorOf(user.id), referent: await actorOf(referent.id) };
}

async function profilsDe(promeneurId: string) {
  return getDb().select().from(profilsSociaux).where(eq(profilsSociaux.promeneurId, promeneurId));
}

async function auditDe(entityId: string) {
  return getDb().select().from(auditLog).where(eq(auditLog.entityId, entityId));
}

let sequence = 0;
const handle = (prefix = "pdn.essai") => {
  sequence += 1;
  return `${prefix}${sequence}`;
};

beforeAll(async () => {
  const db = getDb();
  ({ coordinateur04, coordinateur05, copil04, national } = await insertCoordination(db));
});

describe("ajouterProfil", () => {
  it("ajoute le profil du promeneur lui-même, normalisé, avec sa ligne de journal", async () => {
    const { promeneur, actor } = await promeneurAvecCompte();
    const nom = handle();
    const profil = await ajouterProfil(ctx(), actor, promeneur.id, {
      reseau: "instagram",
      saisie: `https://www.instagram.com/${nom.toUpperCase()}/?hl=fr`,
    });
    expect(profil).toMatchObject({
      promeneurId: promeneur.id,
      departement: "04",
      reseau: "instagram",
      handle: nom,
      url: `https://www.instagram.com/${nom}/`,
      avertissementAccepte: false,
      derniereVerificationLe: null,
    });
    const [audit] = await auditDe(profil.id);
    expect(audit).toMatchObject({
      action: "profil.ajouter",
      actorUserId: actor.userId,
      departement: "04",
      requestId: "test-profils",
    });
  });

  it("laisse le coordinateur du département ajouter un profil", async () => {
    const { promeneur } = await promeneurAvecCompte();
    const profil = await ajouterProfil(ctx(), coordinateur04, promeneur.id, { reseau: "tiktok", saisie: "@pdn_digne" });
    expect(profil.url).toBe("https://www.tiktok.com/@pdn_digne");
  });

  it("refuse un nom de compte invalide sur le champ saisie, sans rien écrire", async () => {
    const { promeneur, actor } = await promeneurAvecCompte();
    const error = await invalid(() =>
      ajouterProfil(ctx(), actor, promeneur.id, { reseau: "instagram", saisie: "pdn..digne" }),
    );
    expect(error.field).toBe("saisie");
    expect(error.message).toContain("n'est pas un nom de compte Instagram valide");
    expect(await profilsDe(promeneur.id)).toEqual([]);
  });

  it("refuse l'adresse d'un autre site pour le réseau choisi", async () => {
    const { promeneur, actor } = await promeneurAvecCompte();
    const error = await invalid(() =>
      ajouterProfil(ctx(), actor, promeneur.id, { reseau: "instagram", saisie: "https://exemple.fr/pdn_digne" }),
    );
    expect(error).toMatchObject({ field: "saisie" });
    expect(error.message).toBe(
      "Cette adresse n'est pas une adresse Instagram : attendu https://www.instagram.com/nom_du_compte/",
    );
    expect(await profilsDe(promeneur.id)).toEqual([]);
  });

  it("avertit d'un nom de compte personnel, puis l'accepte une fois confirmé", async () => {
    const { promeneur, actor } = await promeneurAvecCompte({ prenom: "Julie", nom: "Martinez" });
    const input = { reseau: "instagram", saisie: "@julie.martinez" };
    const error = await invalid(() => ajouterProfil(ctx(), actor, promeneur.id, input));
    expect(error.field).toBe("confirmationPersonnel");
    expect(error.message).toContain("martinez");
    expect(error.message).toContain("cochez la case de confirmation");
    expect(await profilsDe(promeneur.id)).toEqual([]);

    const profil = await ajouterProfil(ctx(), actor, promeneur.id, { ...input, confirmationPersonnel: "on" });
    expect(profil).toMatchObject({ handle: "julie.martinez", avertissementAccepte: true });
  });

  it("refuse un compte déjà enregistré, même écrit autrement, avec un message clair", async () => {
    const premier = await promeneurAvecCompte();
    const second = await promeneurAvecCompte();
    const nom = handle();
    await ajouterProfil(ctx(), premier.actor, premier.promeneur.id, { reseau: "instagram", saisie: nom });
    const error = await invalid(() =>
      ajouterProfil(ctx(), second.actor, second.promeneur.id, {
        reseau: "instagram",
        saisie: `https://instagram.com/${nom.toUpperCase()}`,
      }),
    );
    expect(error.field).toBe("saisie");
    expect(error.message).toContain("Ce compte Instagram est déjà enregistré");
    expect(await profilsDe(second.promeneur.id)).toEqual([]);
  });

  it("répond 404 à un promeneur qui ajoute un profil à un autre promeneur, sans rien écrire", async () => {
    const { actor } = await promeneurAvecCompte();
    const autre = await promeneurAvecCompte();
    const result = await outcome(() =>
      ajouterProfil(ctx(), actor, autre.promeneur.id, { reseau: "instagram", saisie: handle() }),
    );
    expect(result.status).toBe(404);
    expect(await profilsDe(autre.promeneur.id)).toEqual([]);
  });

  it("répond 404 au coordinateur du 05 et au copil (ils ne voient pas le promeneur), 403 au référent et au national, sans rien écrire", async () => {
    const { promeneur, referent } = await promeneurAvecCompte();
    const run = (actor: Actor) =>
      outcome(() => ajouterProfil(ctx(), actor, promeneur.id, { reseau: "instagram", saisie: handle() }));
    expect((await run(coordinateur05)).status).toBe(404);
    expect((await run(referent)).status).toBe(403);
    expect((await run(copil04)).status).toBe(404);
    expect((await run(national)).status).toBe(403);
    expect(await profilsDe(promeneur.id)).toEqual([]);
  });

  it("répond 404 pour un promeneur inconnu ou un identifiant mal formé", async () => {
    const input = { reseau: "instagram", saisie: handle() };
    expect((await outcome(() => ajouterProfil(ctx(), coordinateur04, "pas-un-uuid", input))).status).toBe(404);
    expect(
      (await outcome(() => ajouterProfil(ctx(), coordinateur04, "00000000-0000-4000-8000-00000000dead", input))).status,
    ).toBe(404);
  });
});

describe("modifierProfil et supprimerProfil", () => {
  it("changer de nom de compte efface la dernière vérification : le profil redevient à vérifier", async () => {
    const { promeneur, actor } = await promeneurAvecCompte();
    const profil = await insertProfil(getDb(), promeneur, {
      derniereVerificationLe: new Date("2025-05-01T10:00:00Z"),
      dernierResultat: "conforme",
    });
    const nouveau = handle();
    const modifie = await modifierProfil(ctx(), actor, profil.id, { reseau: "instagram", saisie: nouveau });
    expect(modifie).toMatchObject({ handle: nouveau, derniereVerificationLe: null, dernierResultat: null });
    const [audit] = await auditDe(profil.id);
    expect(audit).toMatchObject({ action: "profil.modifier" });
    expect(audit?.changes).toMatchObject({ verificationEffacee: true, avant: { handle: profil.handle } });
  });

  it("changer de réseau efface aussi la dernière vérification", async () => {
    const { promeneur } = await promeneurAvecCompte();
    const profil = await insertProfil(getDb(), promeneur, {
      handle: "pdn_changement",
      derniereVerificationLe: new Date("2025-05-01T10:00:00Z"),
      dernierResultat: "conforme",
    });
    const modifie = await modifierProfil(ctx(), coordinateur04, profil.id, {
      reseau: "tiktok",
      saisie: "pdn_changement",
    });
    expect(modifie).toMatchObject({ reseau: "tiktok", derniereVerificationLe: null });
  });

  it("garde la vérification quand le compte ne change pas (seule la casse de la saisie diffère)", async () => {
    const { promeneur, actor } = await promeneurAvecCompte();
    const profil = await insertProfil(getDb(), promeneur, {
      derniereVerificationLe: new Date("2025-05-01T10:00:00Z"),
      dernierResultat: "conforme",
    });
    const modifie = await modifierProfil(ctx(), actor, profil.id, {
      reseau: "instagram",
      saisie: profil.handle.toUpperCase(),
    });
    expect(modifie.dernierResultat).toBe("conforme");
    expect(await auditDe(profil.id)).toEqual([]);
  });

  it("répond 404 à un autre promeneur et 403 au référent, sans rien changer", async () => {
    const { promeneur, referent } = await promeneurAvecCompte();
    const autre = await promeneurAvecCompte();
    const profil = await insertProfil(getDb(), promeneur);
    const input = { reseau: "instagram", saisie: handle() };
    expect((await outcome(() => modifierProfil(ctx(), autre.actor, profil.id, input))).status).toBe(404);
    expect((await outcome(() => modifierProfil(ctx(), referent, profil.id, input))).status).toBe(403);
    expect((await outcome(() => modifierProfil(ctx(), coordinateur05, profil.id, input))).status).toBe(404);
    expect((await outcome(() => supprimerProfil(ctx(), autre.actor, profil.id))).status).toBe(404);
    expect((await outcome(() => supprimerProfil(ctx(), copil04, profil.id))).status).toBe(404);
    expect(await profilsDe(promeneur.id)).toEqual([profil]);
  });

  it("supprime le profil et son historique, et l'écrit au journal", async () => {
    const { promeneur, actor } = await promeneurAvecCompte();
    const profil = await insertProfil(getDb(), promeneur);
    await verifierProfil(ctx(), coordinateur04, profil.id, { coches: [] });
    await supprimerProfil(ctx(), actor, profil.id);
    expect(await profilsDe(promeneur.id)).toEqual([]);
    expect(await getDb().select().from(verificationsProfil).where(eq(verificationsProfil.profilId, profil.id))).toEqual(
      [],
    );
    expect((await auditDe(profil.id)).map((a) => a.action).sort()).toEqual(["profil.supprimer", "profil.verifier"]);
  });
});

describe("verifierProfil", () => {
  it("rend conforme un profil dont tous les contrôles actifs sont cochés, sans e-mail", async () => {
    const { promeneur } = await promeneurAvecCompte();
    const profil = await insertProfil(getDb(), promeneur);
    const controles = await findControles(getDb(), "04", { actifs: true });
    const avant = (await findOutboxMails()).length;
    const { resultat, manquants, verification } = await verifierProfil(ctx(), coordinateur04, profil.id, {
      coches: controles.map((c) => c.code),
      commentaire: "  Très bien.  ",
    });
    expect(resultat).toBe("conforme");
    expect(manquants).toEqual([]);
    expect(verification).toMatchObject({ verifiePar: coordinateur04.userId, commentaire: "Très bien.", manques: null });
    expect(verification.controles).toEqual(controles.map((c) => ({ code: c.code, libelle: c.libelle, ok: true })));
    const [row] = await profilsDe(promeneur.id);
    expect(row).toMatchObject({ dernierResultat: "conforme", derniereVerificationLe: NOW });
    const [audit] = await auditDe(profil.id);
    expect(audit).toMatchObject({ action: "profil.verifier", departement: "04" });
    expect((await findOutboxMails()).length).toBe(avant);
  });

  it("rend non conforme un profil auquel il manque des contrôles et prévient le promeneur par e-mail", async () => {
    const { promeneur } = await promeneurAvecCompte();
    const profil = await insertProfil(getDb(), promeneur);
    const controles = await findControles(getDb(), "04", { actifs: true });
    const coches = controles.map((c) => c.code).filter((c) => c !== "photo_identite" && c !== "horaires_indiques");
    const { resultat, manquants } = await verifierProfil(ctx(), coordinateur04, profil.id, {
      coches,
      commentaire: "Ajoutez une photo.",
    });
    expect(resultat).toBe("non_conforme");
    expect(manquants).toEqual(["Photo d'identité", "Horaires de présence indiqués"]);
    const [row] = await profilsDe(promeneur.id);
    expect(row?.dernierResultat).toBe("non_conforme");
    const [verification] = await getDb()
      .select()
      .from(verificationsProfil)
      .where(eq(verificationsProfil.profilId, profil.id));
    expect(verification?.manques).toBe("Photo d'identité\nHoraires de présence indiqués");
    const mail = (await findOutboxMails()).find((m) => m.to === promeneur.email);
    expect(mail?.subject).toBe("Votre profil Instagram n'est pas encore conforme – Promeneurs du Net");
    expect(mail?.text).toContain("- Photo d'identité\n- Horaires de présence indiqués");
    expect(mail?.text).toContain("Ajoutez une photo.");
    expect(mail?.text).toContain(`http://localhost:3000/espace/promeneurs/${promeneur.id}/profils`);
  });

  it("n'exige plus un contrôle départemental désactivé, et exige un contrôle ajouté", async () => {
    const db = getDb();
    const { promeneur } = await promeneurAvecCompte({ departement: "04" });
    const profil = await insertProfil(db, promeneur);
    const code = await ajouterControle(ctx(), coordinateur04, "04", "Bannière du réseau départemental");
    const ajoute = (await findControles(db, "04")).find((c) => c.code === code);
    if (!ajoute) throw new Error("contrôle non ajouté");
    const sansAjoute = (await findControles(db, "04", { actifs: true })).map((c) => c.code).filter((c) => c !== code);
    expect((await verifierProfil(ctx(), coordinateur04, profil.id, { coches: sansAjoute })).manquants).toEqual([
      "Bannière du réseau départemental",
    ]);
    await activerControle(ctx(), coordinateur04, "04", ajoute.id, false);
    const { resultat, verification } = await verifierProfil(ctx(), coordinateur04, profil.id, { coches: sansAjoute });
    expect(resultat).toBe("conforme");
    expect((verification.controles as { code: string }[]).map((c) => c.code)).not.toContain(code);
  });

  it("refuse de désactiver un contrôle du socle national", async () => {
    const db = getDb();
    const socle = (await findControles(db, "04")).find((c) => c.code === "photo_identite");
    if (!socle) throw new Error("contrôle absent");
    const error = await invalid(() => activerControle(ctx(), coordinateur04, "04", socle.id, false));
    expect(error.message).toContain("fait partie du socle national");
    const [row] = await db.select().from(controlesConformite).where(eq(controlesConformite.id, socle.id));
    expect(row?.actif).toBe(true);
  });

  it("réserve la vérification au coordinateur du département : 404 au 05, 403 au référent et au promeneur", async () => {
    const { promeneur, actor, referent } = await promeneurAvecCompte();
    const profil = await insertProfil(getDb(), promeneur);
    const run = (a: Actor) => outcome(() => verifierProfil(ctx(), a, profil.id, { coches: [] }));
    expect((await run(coordinateur05)).status).toBe(404);
    expect((await run(referent)).status).toBe(403);
    expect((await run(actor)).status).toBe(403);
    expect((await run(national)).status).toBe(403);
    expect((await run(copil04)).status).toBe(404);
    expect(await getDb().select().from(verificationsProfil).where(eq(verificationsProfil.profilId, profil.id))).toEqual(
      [],
    );
  });

  it.each(["sorti", "refuse"])("refuse (403) de vérifier le profil d'un promeneur %s, sans e-mail", async (statut) => {
    const { promeneur } = await promeneurAvecCompte({ statut });
    const profil = await insertProfil(getDb(), promeneur);
    const result = await outcome(() => verifierProfil(ctx(), coordinateur04, profil.id, { coches: [] }));
    expect(result.status).toBe(403);
    expect(await getDb().select().from(verificationsProfil).where(eq(verificationsProfil.profilId, profil.id))).toEqual(
      [],
    );
    expect((await findOutboxMails(5000)).filter((m) => m.to === promeneur.email)).toEqual([]);
  });

  it("refuse un commentaire trop long", async () => {
    const { promeneur } = await promeneurAvecCompte();
    const profil = await insertProfil(getDb(), promeneur);
    const error = await invalid(() =>
      verifierProfil(ctx(), coordinateur04, profil.id, { coches: [], commentaire: "x".repeat(2001) }),
    );
    expect(error.field).toBe("commentaire");
  });
});

describe("réglages de la conformité", () => {
  it.each(["0", "25", "1.5", "six", ""])("refuse le délai « %s » sans rien écrire", async (valeur) => {
    const error = await invalid(() => changerDelai(ctx(), coordinateur04, "04", valeur));
    expect(error.field).toBe("delai");
    expect(error.message).toMatch(/mois/);
  });

  it("enregistre le délai (1 à 24 mois) et l'écrit au journal", async () => {
    await changerDelai(ctx(), coordinateur05, "05", "12");
    await changerDelai(ctx(), coordinateur05, "05", "24");
    const rows = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "conformite.reglages"), eq(auditLog.departement, "05")));
    expect(rows.map((r) => r.changes)).toEqual([
      { operation: "delai", avant: 6, apres: 12 },
      { operation: "delai", avant: 12, apres: 24 },
    ]);
  });

  it("répond 404 au coordinateur d'un autre département et 403 au national", async () => {
    expect((await outcome(() => changerDelai(ctx(), coordinateur05, "04", "12"))).status).toBe(404);
    expect((await outcome(() => changerDelai(ctx(), national, "04", "12"))).status).toBe(403);
  });
});
