CREATE TABLE "agregats_a_refaire" (
	"departement" text NOT NULL,
	"mois" date NOT NULL,
	CONSTRAINT "agregats_a_refaire_departement_mois_pk" PRIMARY KEY("departement","mois")
);
--> statement-breakpoint
CREATE TABLE "agregats_mensuels" (
	"departement" text NOT NULL,
	"mois" date NOT NULL,
	"rubrique" text NOT NULL,
	"code" text NOT NULL,
	"nombre" bigint NOT NULL,
	CONSTRAINT "agregats_mensuels_departement_mois_rubrique_code_pk" PRIMARY KEY("departement","mois","rubrique","code")
);
--> statement-breakpoint
CREATE TABLE "generations_rapport_annuel" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"departement" text NOT NULL,
	"annee" smallint NOT NULL,
	"vue" text NOT NULL,
	"etat" text DEFAULT 'en_attente' NOT NULL,
	"progression" smallint DEFAULT 0 NOT NULL,
	"etape" text DEFAULT '' NOT NULL,
	"erreur" text,
	"docx_id" uuid,
	"pdf_id" uuid,
	"xlsx_id" uuid,
	"demande_par" uuid,
	"demande_le" timestamp with time zone DEFAULT now() NOT NULL,
	"verrou_jusqua" timestamp with time zone,
	"termine_le" timestamp with time zone,
	CONSTRAINT "generations_rapport_annuel_etat" CHECK ("generations_rapport_annuel"."etat" in ('en_attente', 'en_cours', 'terminee', 'echec')),
	CONSTRAINT "generations_rapport_annuel_vue" CHECK ("generations_rapport_annuel"."vue" in ('coordination', 'agregee')),
	CONSTRAINT "generations_rapport_annuel_progression" CHECK ("generations_rapport_annuel"."progression" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "rapports_annuels" (
	"departement" text NOT NULL,
	"annee" smallint NOT NULL,
	"introduction" text DEFAULT '' NOT NULL,
	"faits_marquants" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"modifie_par" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rapports_annuels_departement_annee_pk" PRIMARY KEY("departement","annee")
);
--> statement-breakpoint
ALTER TABLE "agregats_a_refaire" ADD CONSTRAINT "agregats_a_refaire_departement_departements_code_fk" FOREIGN KEY ("departement") REFERENCES "public"."departements"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agregats_mensuels" ADD CONSTRAINT "agregats_mensuels_departement_departements_code_fk" FOREIGN KEY ("departement") REFERENCES "public"."departements"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "generations_rapport_annuel" ADD CONSTRAINT "generations_rapport_annuel_departement_departements_code_fk" FOREIGN KEY ("departement") REFERENCES "public"."departements"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "generations_rapport_annuel" ADD CONSTRAINT "generations_rapport_annuel_docx_id_fichiers_id_fk" FOREIGN KEY ("docx_id") REFERENCES "public"."fichiers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "generations_rapport_annuel" ADD CONSTRAINT "generations_rapport_annuel_pdf_id_fichiers_id_fk" FOREIGN KEY ("pdf_id") REFERENCES "public"."fichiers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "generations_rapport_annuel" ADD CONSTRAINT "generations_rapport_annuel_xlsx_id_fichiers_id_fk" FOREIGN KEY ("xlsx_id") REFERENCES "public"."fichiers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "generations_rapport_annuel" ADD CONSTRAINT "generations_rapport_annuel_demande_par_users_id_fk" FOREIGN KEY ("demande_par") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rapports_annuels" ADD CONSTRAINT "rapports_annuels_departement_departements_code_fk" FOREIGN KEY ("departement") REFERENCES "public"."departements"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rapports_annuels" ADD CONSTRAINT "rapports_annuels_modifie_par_users_id_fk" FOREIGN KEY ("modifie_par") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agregats_mensuels_mois_rubrique_index" ON "agregats_mensuels" USING btree ("mois","rubrique");--> statement-breakpoint
CREATE INDEX "generations_rapport_annuel_departement_annee_demande_le_index" ON "generations_rapport_annuel" USING btree ("departement","annee","demande_le");--> statement-breakpoint
CREATE INDEX "generations_rapport_annuel_etat_index" ON "generations_rapport_annuel" USING btree ("etat");