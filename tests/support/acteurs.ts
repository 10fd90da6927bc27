import type { Actor, RoleGrant } from "~/domain/comptes/actor";
import type { Executor } from "~/server/db.server";
import { insertPromeneur, type PromeneurRow } from "../factories/promeneur";
import { insertUser } from "../factories/user";
import { actorOf } from "./route";

/** A new user holding this one role, as the actor a session of theirs would load. */
export async function insertActor(db: Executor, grant: Partial<RoleGrant>): Promise<Actor> {
  return actorOf((await insertUser(db, { roles: [grant] })).id);
}

/** The coordinators of 04 and 05, a COPIL member of 04 and the national team. */
export async function insertCoordination(db: Executor) {
  return {
    coordinateur04: await insertActor(db, { role: "coordinateur", departement: "04" }),
    coordinateur05: await insertActor(db, { role: "coordinateur", departement: "05" }),
    copil04: await insertActor(db, { role: "copil", departement: "04" }),
    national: await insertActor(db, { role: "national" }),
  };
}

/**
 * An active promeneur in 04 with their own account, and those around their record: another
 * promeneur of 04, their structure's referent, the coordinators of 04 and 05.
 */
export async function insertPromeneurEtEntourage(db: Executor): Promise<{
  promeneur: PromeneurRow;
  lui: Actor;
  autrePromeneur: Actor;
  referent: Actor;
  coordinateur04: Actor;
  coordinateur05: Actor;
}> {
  const user = await insertUser(db, { roles: [{ role: "promeneur", departement: "04" }] });
  const promeneur = await insertPromeneur(db, { statut: "actif", userId: user.id });
  const lui = await actorOf(user.id);
  const autre = await insertUser(db, { roles: [{ role: "promeneur", departement: "04" }] });
  await insertPromeneur(db, { statut: "actif", userId: autre.id });
  return {
    promeneur,
    lui,
    autrePromeneur: await actorOf(autre.id),
    referent: await insertActor(db, { role: "referent", departement: "04", structureId: promeneur.structureId }),
    coordinateur04: await insertActor(db, { role: "coordinateur", departement: "04" }),
    coordinateur05: await insertActor(db, { role: "coordinateur", departement: "05" }),
  };
}
