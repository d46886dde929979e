CREATE TABLE "measure_report_clinician_rollups" (
	"organization_id" uuid NOT NULL,
	"performance_year" integer NOT NULL,
	"tin_id" uuid NOT NULL,
	"clinician_id" uuid,
	"report_count" integer NOT NULL,
	CONSTRAINT "measure_report_clinician_rollups_key" UNIQUE NULLS NOT DISTINCT("organization_id","performance_year","tin_id","clinician_id")
);
--> statement-breakpoint
CREATE TABLE "measure_report_rollups" (
	"organization_id" uuid NOT NULL,
	"performance_year" integer NOT NULL,
	"tin_id" uuid NOT NULL,
	"product_id" uuid,
	"performance_start" date NOT NULL,
	"performance_end" date NOT NULL,
	"report_count" integer NOT NULL,
	"whole_tin_report_count" integer NOT NULL,
	CONSTRAINT "measure_report_rollups_key" UNIQUE NULLS NOT DISTINCT("organization_id","performance_year","tin_id","product_id","performance_start","performance_end")
);
--> statement-breakpoint
CREATE TABLE "measure_value_rollups" (
	"organization_id" uuid NOT NULL,
	"performance_year" integer NOT NULL,
	"tin_id" uuid NOT NULL,
	"product_id" uuid,
	"performance_start" date NOT NULL,
	"performance_end" date NOT NULL,
	"measure_id" text NOT NULL,
	"value_count" integer NOT NULL,
	"rate_count" integer NOT NULL,
	"numerator_sum" bigint NOT NULL,
	"denominator_sum" bigint NOT NULL,
	"yes_count" integer NOT NULL,
	"no_count" integer NOT NULL,
	CONSTRAINT "measure_value_rollups_key" UNIQUE NULLS NOT DISTINCT("organization_id","performance_year","tin_id","product_id","performance_start","performance_end","measure_id")
);
--> statement-breakpoint
CREATE TABLE "tin_reweighting_summaries" (
	"organization_id" uuid NOT NULL,
	"tin_id" uuid NOT NULL,
	"performance_year" integer NOT NULL,
	"roster_version" bigint NOT NULL,
	"combinations" jsonb NOT NULL,
	CONSTRAINT "tin_reweighting_summaries_pkey" PRIMARY KEY("organization_id","tin_id","performance_year")
);
--> statement-breakpoint
CREATE TABLE "tin_roster_versions" (
	"organization_id" uuid NOT NULL,
	"tin_id" uuid NOT NULL,
	"version" bigint NOT NULL,
	CONSTRAINT "tin_roster_versions_pkey" PRIMARY KEY("organization_id","tin_id")
);
--> statement-breakpoint
ALTER TABLE "measure_report_clinician_rollups" ADD CONSTRAINT "measure_report_clinician_rollups_tin_fk" FOREIGN KEY ("organization_id","tin_id") REFERENCES "public"."tins"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_report_rollups" ADD CONSTRAINT "measure_report_rollups_tin_fk" FOREIGN KEY ("organization_id","tin_id") REFERENCES "public"."tins"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_value_rollups" ADD CONSTRAINT "measure_value_rollups_tin_fk" FOREIGN KEY ("organization_id","tin_id") REFERENCES "public"."tins"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tin_reweighting_summaries" ADD CONSTRAINT "tin_reweighting_summaries_tin_fk" FOREIGN KEY ("organization_id","tin_id") REFERENCES "public"."tins"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tin_roster_versions" ADD CONSTRAINT "tin_roster_versions_tin_fk" FOREIGN KEY ("organization_id","tin_id") REFERENCES "public"."tins"("organization_id","id") ON DELETE cascade ON UPDATE no action;