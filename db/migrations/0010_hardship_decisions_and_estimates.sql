CREATE TABLE "final_score_inputs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"tin_id" uuid NOT NULL,
	"performance_year" integer NOT NULL,
	"quality_hundredths" integer,
	"improvement_activities_hundredths" integer,
	"cost_hundredths" integer,
	"entered_by_user_id" uuid,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "final_score_inputs_range_check" CHECK (("final_score_inputs"."quality_hundredths" IS NULL OR "final_score_inputs"."quality_hundredths" BETWEEN 0 AND 10000) AND ("final_score_inputs"."improvement_activities_hundredths" IS NULL OR "final_score_inputs"."improvement_activities_hundredths" BETWEEN 0 AND 10000) AND ("final_score_inputs"."cost_hundredths" IS NULL OR "final_score_inputs"."cost_hundredths" BETWEEN 0 AND 10000))
);
--> statement-breakpoint
ALTER TABLE "hardship_applications" ADD COLUMN "cms_reference" text;--> statement-breakpoint
ALTER TABLE "hardship_applications" ADD COLUMN "decided_on" date;--> statement-breakpoint
ALTER TABLE "hardship_applications" ADD COLUMN "decision_reference" text;--> statement-breakpoint
ALTER TABLE "final_score_inputs" ADD CONSTRAINT "final_score_inputs_tin_fk" FOREIGN KEY ("organization_id","tin_id") REFERENCES "public"."tins"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "final_score_inputs" ADD CONSTRAINT "final_score_inputs_entered_by_fk" FOREIGN KEY ("entered_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "final_score_inputs_organization_tin_year_key" ON "final_score_inputs" USING btree ("organization_id","tin_id","performance_year");--> statement-breakpoint
-- Existing applications keep their decision: approved/dismissed rows were decided on the day their status changed.
UPDATE "hardship_applications" SET "decided_on" = "status_changed_on" WHERE "status" <> 'pending';--> statement-breakpoint
ALTER TABLE "hardship_applications" DROP COLUMN "status_changed_on";--> statement-breakpoint
ALTER TABLE "hardship_applications" ADD CONSTRAINT "hardship_applications_decision_check" CHECK (("hardship_applications"."status" = 'pending') = ("hardship_applications"."decided_on" IS NULL) AND ("hardship_applications"."decided_on" IS NULL OR "hardship_applications"."decided_on" >= "hardship_applications"."filed_on"));