CREATE TABLE "report_measurement_sets" (
	"organization_id" uuid NOT NULL,
	"measure_report_id" uuid NOT NULL,
	"ordinal" integer NOT NULL,
	"category" text NOT NULL,
	"body" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_measurement_sets_pkey" PRIMARY KEY("organization_id","measure_report_id","ordinal"),
	CONSTRAINT "report_measurement_sets_category_check" CHECK ("report_measurement_sets"."category" IN ('quality', 'ia')),
	CONSTRAINT "report_measurement_sets_ordinal_check" CHECK ("report_measurement_sets"."ordinal" >= 0)
);
--> statement-breakpoint
ALTER TABLE "report_measurement_sets" ADD CONSTRAINT "report_measurement_sets_report_fk" FOREIGN KEY ("organization_id","measure_report_id") REFERENCES "public"."measure_reports"("organization_id","id") ON DELETE cascade ON UPDATE no action;