CREATE TABLE "budget_justificatifs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ligne_id" uuid NOT NULL,
	"fichier_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "budget_lignes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"budget_id" uuid NOT NULL,
	"sens" text NOT NULL,
	"code" text NOT NULL,
	"libelle" text DEFAULT '' NOT NULL,
	"prevu" bigint DEFAULT 0 NOT NULL,
	"realise" bigint,
	"commentaire" text DEFAULT '' NOT NULL,
	"ordre" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "budget_lignes_budgetId_sens_code_libelle_unique" UNIQUE("budget_id","sens","code","libelle"),
	CONSTRAINT "budget_lignes_sens" CHECK ("budget_lignes"."sens" in ('charge', 'produit')),
	CONSTRAINT "budget_lignes_prevu" CHECK ("budget_lignes"."prevu" >= 0),
	CONSTRAINT "budget_lignes_realise" CHECK ("budget_lignes"."realise" >= 0)
);
--> statement-breakpoint
CREATE TABLE "budget_versements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"budget_id" uuid NOT NULL,
	"type" text NOT NULL,
	"centimes" bigint NOT NULL,
	"verse_le" date NOT NULL,
	"commentaire" text DEFAULT '' NOT NULL,
	"cree_par" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "budget_versements_type" CHECK ("budget_versements"."type" in ('avance', 'solde', 'remboursement')),
	CONSTRAINT "budget_versements_centimes" CHECK ("budget_versements"."centimes" > 0)
);
--> statement-breakpoint
CREATE TABLE "budgets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"departement" text NOT NULL,
	"annee" integer NOT NULL,
	"statut" text DEFAULT 'brouillon' NOT NULL,
	"etp_coordination" integer,
	"cout_annuel_coordination" bigint,
	"rapports_recus_le" date,
	"subvention_proratisee" bigint,
	"proratisation_confirmee_le" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"soumis_le" timestamp with time zone,
	"soumis_par" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "budgets_departement_annee_unique" UNIQUE("departement","annee"),
	CONSTRAINT "budgets_statut" CHECK ("budgets"."statut" in ('brouillon', 'soumis')),
	CONSTRAINT "budgets_annee" CHECK ("budgets"."annee" between 2000 and 2100),
	CONSTRAINT "budgets_etp" CHECK ("budgets"."etp_coordination" between 0 and 100),
	CONSTRAINT "budgets_cout" CHECK ("budgets"."cout_annuel_coordination" >= 0),
	CONSTRAINT "budgets_proratisee" CHECK ("budgets"."subvention_proratisee" >= 0)
);
--> statement-breakpoint
ALTER TABLE "budget_justificatifs" ADD CONSTRAINT "budget_justificatifs_ligne_id_budget_lignes_id_fk" FOREIGN KEY ("ligne_id") REFERENCES "public"."budget_lignes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_justificatifs" ADD CONSTRAINT "budget_justificatifs_fichier_id_fichiers_id_fk" FOREIGN KEY ("fichier_id") REFERENCES "public"."fichiers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_lignes" ADD CONSTRAINT "budget_lignes_budget_id_budgets_id_fk" FOREIGN KEY ("budget_id") REFERENCES "public"."budgets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_versements" ADD CONSTRAINT "budget_versements_budget_id_budgets_id_fk" FOREIGN KEY ("budget_id") REFERENCES "public"."budgets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_versements" ADD CONSTRAINT "budget_versements_cree_par_users_id_fk" FOREIGN KEY ("cree_par") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budgets" ADD CONSTRAINT "budgets_departement_departements_code_fk" FOREIGN KEY ("departement") REFERENCES "public"."departements"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budgets" ADD CONSTRAINT "budgets_soumis_par_users_id_fk" FOREIGN KEY ("soumis_par") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "budget_justificatifs_ligne_id_index" ON "budget_justificatifs" USING btree ("ligne_id");--> statement-breakpoint
CREATE INDEX "budget_versements_budget_id_index" ON "budget_versements" USING btree ("budget_id");