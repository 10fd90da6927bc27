CREATE TABLE "comite_membres" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"comite_id" uuid NOT NULL,
	"organisation" text NOT NULL,
	"nom" text NOT NULL,
	"fonction" text DEFAULT '' NOT NULL,
	"email" text,
	"user_id" uuid,
	"actif" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "comites" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"departement" text NOT NULL,
	"type" text NOT NULL,
	"nom" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"actif" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "comites_type" CHECK ("comites"."type" in ('comite_pilotage', 'comite_operationnel'))
);
--> statement-breakpoint
CREATE TABLE "decision_suivis" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"decision_id" uuid NOT NULL,
	"regroupement_id" uuid,
	"etat" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"auteur_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "decision_suivis_etat" CHECK ("decision_suivis"."etat" in ('ouverte', 'realisee', 'abandonnee'))
);
--> statement-breakpoint
CREATE TABLE "decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"departement" text NOT NULL,
	"comite_id" uuid NOT NULL,
	"regroupement_id" uuid,
	"texte" text NOT NULL,
	"responsable" text NOT NULL,
	"echeance" date,
	"etat" text DEFAULT 'ouverte' NOT NULL,
	"cloturee_le" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"cree_par" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "decisions_etat" CHECK ("decisions"."etat" in ('ouverte', 'realisee', 'abandonnee'))
);
--> statement-breakpoint
CREATE TABLE "jetons_calendrier" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"jeton_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoque_le" timestamp with time zone,
	"dernier_acces_le" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "regroupement_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"regroupement_id" uuid NOT NULL,
	"fichier_id" uuid NOT NULL,
	"nature" text NOT NULL,
	"titre" text NOT NULL,
	"ajoute_par" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "regroupement_documents_nature" CHECK ("regroupement_documents"."nature" in ('ordre_du_jour', 'support', 'compte_rendu', 'autre'))
);
--> statement-breakpoint
CREATE TABLE "regroupement_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"regroupement_id" uuid NOT NULL,
	"user_id" uuid,
	"promeneur_id" uuid,
	"membre_id" uuid,
	"nom" text NOT NULL,
	"email" text NOT NULL,
	"organisation" text,
	"jeton_hash" text NOT NULL,
	"reponse" text DEFAULT 'en_attente' NOT NULL,
	"repondu_le" timestamp with time zone,
	"presence" text,
	"presence_notee_le" timestamp with time zone,
	"presence_notee_par" uuid,
	"invitation_envoyee_le" timestamp with time zone,
	"rappel_envoye_le" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "regroupement_invitations_reponse" CHECK ("regroupement_invitations"."reponse" in ('en_attente', 'oui', 'non')),
	CONSTRAINT "regroupement_invitations_presence" CHECK ("regroupement_invitations"."presence" is null or "regroupement_invitations"."presence" in ('present', 'excuse', 'absent'))
);
--> statement-breakpoint
CREATE TABLE "regroupements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"departement" text NOT NULL,
	"type" text NOT NULL,
	"titre" text NOT NULL,
	"debut" timestamp with time zone NOT NULL,
	"fin" timestamp with time zone NOT NULL,
	"lieu" text DEFAULT '' NOT NULL,
	"commune_code" text,
	"lien_visio" text,
	"description" text DEFAULT '' NOT NULL,
	"audience" text NOT NULL,
	"capacite" integer,
	"comite_id" uuid,
	"statut" text DEFAULT 'prevu' NOT NULL,
	"motif_annulation" text,
	"compte_rendu" text DEFAULT '' NOT NULL,
	"sequence" integer DEFAULT 0 NOT NULL,
	"cree_par" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "regroupements_fin_apres_debut" CHECK ("regroupements"."fin" > "regroupements"."debut"),
	CONSTRAINT "regroupements_statut" CHECK ("regroupements"."statut" in ('prevu', 'annule')),
	CONSTRAINT "regroupements_audience" CHECK ("regroupements"."audience" in ('promeneurs', 'promeneurs_choisis', 'referents', 'copil', 'public')),
	CONSTRAINT "regroupements_capacite" CHECK ("regroupements"."capacite" is null or "regroupements"."capacite" > 0),
	CONSTRAINT "regroupements_comite" CHECK (("regroupements"."type" in ('comite_pilotage', 'comite_operationnel')) = ("regroupements"."comite_id" is not null))
);
--> statement-breakpoint
ALTER TABLE "parametres_departement" ADD COLUMN "seuil_participation" integer DEFAULT 50 NOT NULL;--> statement-breakpoint
ALTER TABLE "comite_membres" ADD CONSTRAINT "comite_membres_comite_id_comites_id_fk" FOREIGN KEY ("comite_id") REFERENCES "public"."comites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comite_membres" ADD CONSTRAINT "comite_membres_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comites" ADD CONSTRAINT "comites_departement_departements_code_fk" FOREIGN KEY ("departement") REFERENCES "public"."departements"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_suivis" ADD CONSTRAINT "decision_suivis_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_suivis" ADD CONSTRAINT "decision_suivis_regroupement_id_regroupements_id_fk" FOREIGN KEY ("regroupement_id") REFERENCES "public"."regroupements"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_suivis" ADD CONSTRAINT "decision_suivis_auteur_id_users_id_fk" FOREIGN KEY ("auteur_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_departement_departements_code_fk" FOREIGN KEY ("departement") REFERENCES "public"."departements"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_comite_id_comites_id_fk" FOREIGN KEY ("comite_id") REFERENCES "public"."comites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_regroupement_id_regroupements_id_fk" FOREIGN KEY ("regroupement_id") REFERENCES "public"."regroupements"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_cree_par_users_id_fk" FOREIGN KEY ("cree_par") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jetons_calendrier" ADD CONSTRAINT "jetons_calendrier_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regroupement_documents" ADD CONSTRAINT "regroupement_documents_regroupement_id_regroupements_id_fk" FOREIGN KEY ("regroupement_id") REFERENCES "public"."regroupements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regroupement_documents" ADD CONSTRAINT "regroupement_documents_fichier_id_fichiers_id_fk" FOREIGN KEY ("fichier_id") REFERENCES "public"."fichiers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regroupement_documents" ADD CONSTRAINT "regroupement_documents_ajoute_par_users_id_fk" FOREIGN KEY ("ajoute_par") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regroupement_invitations" ADD CONSTRAINT "regroupement_invitations_regroupement_id_regroupements_id_fk" FOREIGN KEY ("regroupement_id") REFERENCES "public"."regroupements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regroupement_invitations" ADD CONSTRAINT "regroupement_invitations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regroupement_invitations" ADD CONSTRAINT "regroupement_invitations_promeneur_id_promeneurs_id_fk" FOREIGN KEY ("promeneur_id") REFERENCES "public"."promeneurs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regroupement_invitations" ADD CONSTRAINT "regroupement_invitations_membre_id_comite_membres_id_fk" FOREIGN KEY ("membre_id") REFERENCES "public"."comite_membres"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regroupement_invitations" ADD CONSTRAINT "regroupement_invitations_presence_notee_par_users_id_fk" FOREIGN KEY ("presence_notee_par") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regroupements" ADD CONSTRAINT "regroupements_departement_departements_code_fk" FOREIGN KEY ("departement") REFERENCES "public"."departements"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regroupements" ADD CONSTRAINT "regroupements_commune_code_communes_code_fk" FOREIGN KEY ("commune_code") REFERENCES "public"."communes"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regroupements" ADD CONSTRAINT "regroupements_comite_id_comites_id_fk" FOREIGN KEY ("comite_id") REFERENCES "public"."comites"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regroupements" ADD CONSTRAINT "regroupements_cree_par_users_id_fk" FOREIGN KEY ("cree_par") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "comite_membres_comite_id_index" ON "comite_membres" USING btree ("comite_id");--> statement-breakpoint
CREATE INDEX "comite_membres_user_id_index" ON "comite_membres" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "comites_departement_type_index" ON "comites" USING btree ("departement","type");--> statement-breakpoint
CREATE INDEX "decision_suivis_decision_id_created_at_index" ON "decision_suivis" USING btree ("decision_id","created_at");--> statement-breakpoint
CREATE INDEX "decisions_comite_id_etat_index" ON "decisions" USING btree ("comite_id","etat");--> statement-breakpoint
CREATE INDEX "decisions_departement_etat_echeance_index" ON "decisions" USING btree ("departement","etat","echeance");--> statement-breakpoint
CREATE UNIQUE INDEX "jetons_calendrier_jeton" ON "jetons_calendrier" USING btree ("jeton_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "jetons_calendrier_actif" ON "jetons_calendrier" USING btree ("user_id") WHERE "jetons_calendrier"."revoque_le" is null;--> statement-breakpoint
CREATE INDEX "regroupement_documents_regroupement_id_index" ON "regroupement_documents" USING btree ("regroupement_id");--> statement-breakpoint
CREATE UNIQUE INDEX "regroupement_invitations_personne" ON "regroupement_invitations" USING btree ("regroupement_id","email");--> statement-breakpoint
CREATE UNIQUE INDEX "regroupement_invitations_jeton" ON "regroupement_invitations" USING btree ("jeton_hash");--> statement-breakpoint
CREATE INDEX "regroupement_invitations_promeneur_id_index" ON "regroupement_invitations" USING btree ("promeneur_id");--> statement-breakpoint
CREATE INDEX "regroupement_invitations_user_id_index" ON "regroupement_invitations" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "regroupements_departement_debut_index" ON "regroupements" USING btree ("departement","debut");--> statement-breakpoint
CREATE INDEX "regroupements_comite_id_debut_index" ON "regroupements" USING btree ("comite_id","debut");