CREATE TABLE "limites_debit" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"cle" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "messages_contact" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"departement" text NOT NULL,
	"nom" text NOT NULL,
	"email" text NOT NULL,
	"qualite" text NOT NULL,
	"objet" text NOT NULL,
	"message" text NOT NULL,
	"recu_le" timestamp with time zone DEFAULT now() NOT NULL,
	"lu_le" timestamp with time zone,
	"lu_par" uuid,
	"archive_le" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "vues_pages" (
	"jour" date NOT NULL,
	"departement" text NOT NULL,
	"chemin" text NOT NULL,
	"vues" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "vues_pages_jour_departement_chemin_pk" PRIMARY KEY("jour","departement","chemin")
);
--> statement-breakpoint
ALTER TABLE "messages_contact" ADD CONSTRAINT "messages_contact_departement_departements_code_fk" FOREIGN KEY ("departement") REFERENCES "public"."departements"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages_contact" ADD CONSTRAINT "messages_contact_lu_par_users_id_fk" FOREIGN KEY ("lu_par") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "limites_debit_cle_at_index" ON "limites_debit" USING btree ("cle","at");--> statement-breakpoint
CREATE INDEX "messages_contact_departement_recu_le_index" ON "messages_contact" USING btree ("departement","recu_le");