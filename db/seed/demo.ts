import { count, eq } from "drizzle-orm";
import type { RoleCode } from "~/domain/comptes/roles";
import { recordAudit } from "~/server/audit.server";
import type { Database } from "~/server/db.server";
import { insertStructure } from "../../tests/factories/structure";
import { insertUser } from "../../tests/factories/user";
import { appMeta, users } from "../schema";

export const DEMO_PASSWORD = "demo-pdn-04";
const DEMO_MARKER = "demo.04";

export const DEMO_ACCOUNTS: { email: string; nom: string; role: RoleCode }[] = [
  { email: "coordination@demo.pdn04.fr", nom: "Camille Arnaud (démo)", role: "coordinateur" },
  { email: "promeneur@demo.pdn04.fr", nom: "Sami Roux (démo)", role: "promeneur" },
  { email: "structure@demo.pdn04.fr", nom: "Hélène Garcin (démo)", role: "referent" },
  { email: "copil@demo.pdn04.fr", nom: "Martine Blanc (démo)", role: "copil" },
];

/** Ten fictional structures in real towns of 04 (names invented for the demo). */
export const DEMO_STRUCTURES = [
  { nom: "Centre social Les Trois Vallées", type: "centre_social", communeCode: "04070" },
  { nom: "Espace jeunes Durance Lumière", type: "accueil_jeunes", communeCode: "04112" },
  { nom: "Mission locale des Deux Rives (démo)", type: "mission_locale", communeCode: "04209" },
  { nom: "Point Information Jeunesse du Plateau", type: "information_jeunesse", communeCode: "04143" },
  { nom: "Association Jeunesse Lure et Luberon", type: "association_jeunesse", communeCode: "04088" },
  { nom: "Service jeunesse intercommunal Moyenne Durance", type: "service_jeunesse", communeCode: "04049" },
  { nom: "Maison des jeunes de l'Ubaye", type: "accueil_jeunes", communeCode: "04019" },
  { nom: "Espace de vie sociale du Haut-Verdon", type: "evs", communeCode: "04039" },
  { nom: "PAEJ Plateau de Valensole", type: "paej", communeCode: "04166" },
  { nom: "Foyer Habitat Jeunes Bléone", type: "fjt", communeCode: "04070" },
] as const;

/**
 * Loads the fictional demo for 04 in one transaction, only into a database with no account and no
 * demo yet: a start killed half-way leaves nothing, and the next start loads it whole.
 */
export async function seedDemoIfEmpty(db: Database): Promise<"seeded" | "present" | "skipped"> {
  return db.transaction(async (tx) => {
    const [marker] = await tx.select().from(appMeta).where(eq(appMeta.key, DEMO_MARKER));
    if (marker) return "present";
    const [existing] = await tx.select({ n: count() }).from(users);
    if ((existing?.n ?? 0) > 0) return "skipped";

    const created = [];
    for (const s of DEMO_STRUCTURES) {
      created.push(
        await insertStructure(tx, {
          ...s,
          departement: "04",
          email: `contact@${s.type.replace(/_/g, "-")}.demo.pdn04.fr`,
        }),
      );
    }
    const [referentStructure] = created;
    for (const account of DEMO_ACCOUNTS) {
      await insertUser(tx, {
        email: account.email,
        nom: account.nom,
        password: DEMO_PASSWORD,
        roles: [
          {
            role: account.role,
            departement: "04",
            structureId: account.role === "referent" ? (referentStructure?.id ?? null) : null,
          },
        ],
      });
    }
    await tx.insert(appMeta).values({ key: DEMO_MARKER, value: new Date().toISOString() });
    await recordAudit(tx, { system: "démo" }, { action: "demo.charger", entityType: "demo", departement: "04" });
    return "seeded";
  });
}
