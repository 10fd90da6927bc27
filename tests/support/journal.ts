import { sql } from "drizzle-orm";
import { getDb } from "~/server/db.server";

let piege: string | null = null;

/**
 * Makes the database refuse the audit row of one action, as a failing disk or constraint would:
 * the change written before it in the same transaction must disappear with it. Undo it with
 * `retablirJournal` (in an `afterEach`).
 */
export async function refuserJournal(action: string): Promise<void> {
  if (!/^[a-z_.]+$/.test(action)) throw new Error("action inattendue");
  await getDb().execute(
    sql.raw(`create or replace function test_refuse_audit() returns trigger language plpgsql as $$
      begin
        if new.action = '${action}' then raise exception 'journal indisponible (essai)'; end if;
        return new;
      end $$`),
  );
  await getDb().execute(
    sql.raw(
      "create trigger test_refuse_audit before insert on audit_log for each row execute function test_refuse_audit()",
    ),
  );
  piege = action;
}

export async function retablirJournal(): Promise<void> {
  if (!piege) return;
  await getDb().execute(sql.raw("drop trigger if exists test_refuse_audit on audit_log"));
  await getDb().execute(sql.raw("drop function if exists test_refuse_audit()"));
  piege = null;
}
