import { rappelsRapport, tachesPlanifiees, users } from "@db/schema";
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "~/server/db.server";
import { resetMailTransport } from "~/server/mail.server";
import { defaultJobs, runDueJobs } from "~/server/scheduler.server";
import { insertPromeneur, type PromeneurRow } from "../../../tests/factories/promeneur";
import { insertRapport } from "../../../tests/factories/rapport";
import { insertStructure } from "../../../tests/factories/structure";
import { insertUser } from "../../../tests/factories/user";
import { applyTestEnv } from "../../../tests/setup/test-env";
import { startSmtpServer, type TestSmtpServer } from "../../../tests/support/smtp";
import { envoyerRappelsRapport, RAPPEL_RAPPORT } from "./rapport-rappel.server";

// 1 April 2026, 08:00 Paris (summer time): the first reminder of March's report.
const PREMIER = new Date("2026-04-01T06:00:00Z");
const HUIT = new Date("2026-04-08T06:00:00Z");
const URL_PUBLIQUE = "https://pdn04.example";

let smtp: TestSmtpServer;
const p: Record<string, PromeneurRow> = {};
const emails: Record<string, string> = {};

async function promeneurAvecCompte(nom: string, overrides: Parameters<typeof insertPromeneur>[1] = {}) {
  const db = getDb();
  const email = `${nom.toLowerCase()}@rappel.essai.fr`;
  const user = await insertUser(db, { email, roles: [{ role: "promeneur", departement: "11" }] });
  emails[nom] = email;
  p[nom] = await insertPromeneur(db, {
    departement: "11",
    structureId: structure,
    statut: "actif",
    prenom: nom,
    userId: user.id,
    entreeLe: new Date("2025-06-01T10:00:00Z"),
    ...overrides,
  });
  return p[nom];
}

let structure = "";

beforeAll(async () => {
  smtp = await startSmtpServer();
  applyTestEnv({ SMTP_URL: smtp.url });
  resetMailTransport();
  const db = getDb();
  structure = (await insertStructure(db, { departement: "11" })).id;
  await promeneurAvecCompte("Sansbilan");
  const brouillon = await promeneurAvecCompte("Brouillon");
  await insertRapport(db, brouillon, "2026-03-01", { statut: "brouillon" });
  const corriger = await promeneurAvecCompte("Corriger");
  await insertRapport(db, corriger, "2026-03-01", { statut: "a_corriger" });
  const soumis = await promeneurAvecCompte("Soumis");
  await insertRapport(db, soumis, "2026-03-01", { statut: "soumis" });
  const valide = await promeneurAvecCompte("Valide");
  await insertRapport(db, valide, "2026-03-01", { statut: "valide" });
  // Entered in April: nothing due for March.
  await promeneurAvecCompte("Arrive", { entreeLe: new Date("2026-04-01T08:00:00Z") });
  // Left in February: nothing due for March.
  await promeneurAvecCompte("Parti", { statut: "sorti", sortieLe: new Date("2026-02-20T10:00:00Z") });
  // Left on 15 March: the month was partly worked, but someone who left cannot file any more.
  await promeneurAvecCompte("PartiEnMars", { statut: "sorti", sortieLe: new Date("2026-03-15T10:00:00Z") });
  // A disabled account gets nothing.
  const desactive = await promeneurAvecCompte("Desactive");
  await db
    .update(users)
    .set({ disabledAt: new Date() })
    .where(eq(users.id, desactive.userId as string));
  // No account: nobody to write to (the coordination sees them in the late list).
  p.SansCompte = await insertPromeneur(db, {
    departement: "11",
    structureId: structure,
    statut: "actif",
    entreeLe: new Date("2025-06-01T10:00:00Z"),
  });
});

beforeEach(() => {
  smtp.received.length = 0;
});

afterAll(async () => {
  resetMailTransport();
  await smtp.close();
});

const destinataires = () =>
  smtp
    .mails()
    .flatMap((m) => m.to)
    .sort();

describe("rappels des bilans mensuels", () => {
  it("le 1er à 8 h, écrit à chaque promeneur dont le bilan du mois précédent n'est pas remis, avec le lien", async () => {
    const envoyes = await envoyerRappelsRapport(getDb(), PREMIER, URL_PUBLIQUE);
    expect(envoyes).toBe(3);
    expect(destinataires()).toEqual([emails.Brouillon, emails.Corriger, emails.Sansbilan].sort());
    const mail = smtp.mails().find((m) => m.to.includes(emails.Sansbilan as string));
    expect(mail?.subject).toBe("Votre bilan de mars 2026 est à remettre avant le 10");
    expect(mail?.text).toContain("Bonjour Sansbilan,");
    expect(mail?.text).toContain(`${URL_PUBLIQUE}/espace/mes-rapports/2026-03`);
  });

  it("n'envoie pas deux fois le même rappel, même relancé le même jour", async () => {
    expect(await envoyerRappelsRapport(getDb(), new Date(PREMIER.getTime() + 3_600_000), URL_PUBLIQUE)).toBe(0);
    expect(smtp.received).toHaveLength(0);
  });

  it("deux exécutions simultanées n'envoient qu'un rappel par bilan dû", async () => {
    const [a, b] = await Promise.all([
      envoyerRappelsRapport(getDb(), HUIT, URL_PUBLIQUE),
      envoyerRappelsRapport(getDb(), HUIT, URL_PUBLIQUE),
    ]);
    expect(a + b).toBe(3);
    expect(destinataires()).toEqual([emails.Brouillon, emails.Corriger, emails.Sansbilan].sort());
    expect(smtp.mails()[0]?.subject).toBe("Bilan de mars 2026 : plus que 2 jours pour le remettre");
    const lignes = await getDb()
      .select()
      .from(rappelsRapport)
      .where(
        inArray(
          rappelsRapport.promeneurId,
          Object.values(p).map((x) => x.id),
        ),
      );
    expect(lignes.map((l) => `${l.rang}`).sort()).toEqual(["1", "1", "1", "8", "8", "8"]);
  });

  it("n'envoie rien avant 8 h le 1er ni après l'échéance du 10", async () => {
    expect(await envoyerRappelsRapport(getDb(), new Date("2026-05-01T05:59:00Z"), URL_PUBLIQUE)).toBe(0);
    expect(await envoyerRappelsRapport(getDb(), new Date("2026-04-11T06:00:00Z"), URL_PUBLIQUE)).toBe(0);
    expect(smtp.received).toHaveLength(0);
  });

  it("est planifié par le planificateur le 1er et le 8 à 8 h, heure de Paris", async () => {
    const db = getDb();
    await runDueJobs(db, new Date("2026-04-20T10:00:00Z"), "instance-a", defaultJobs);
    const [tache] = await db.select().from(tachesPlanifiees).where(eq(tachesPlanifiees.nom, RAPPEL_RAPPORT));
    expect(tache?.prochaineExecution).toEqual(new Date("2026-05-01T06:00:00Z"));
    // At that instant the job runs, sends April's first reminders, and moves to the 8th.
    const mai = new Date("2026-05-01T06:00:00Z");
    const ran = await runDueJobs(db, mai, "instance-a", defaultJobs);
    expect(ran).toContain(RAPPEL_RAPPORT);
    const [apres] = await db.select().from(tachesPlanifiees).where(eq(tachesPlanifiees.nom, RAPPEL_RAPPORT));
    expect(apres?.prochaineExecution).toEqual(new Date("2026-05-08T06:00:00Z"));
    // Nobody reported for April in this file: every promeneur with an account active in April is reminded.
    expect(destinataires()).toContain(emails.Arrive);
    expect(destinataires()).toContain(emails.Valide);
    expect(destinataires()).not.toContain(emails.Parti);
    expect(destinataires()).not.toContain(emails.Desactive);
  });
});
