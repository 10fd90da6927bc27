ALTER TABLE "users" ADD COLUMN "efface_le" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "numero_effacement" integer;--> statement-breakpoint
CREATE UNIQUE INDEX "users_numero_effacement_unique" ON "users" USING btree ("numero_effacement");