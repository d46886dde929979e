CREATE TABLE "organization_data_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organization_data_versions" (
	"organization_id" uuid PRIMARY KEY NOT NULL,
	"version" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "organization_data_versions" ADD CONSTRAINT "organization_data_versions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Every statement that changes what a dashboard reads notes the organizations it touched (from its
-- transition tables: set-based, nothing per row); the deferred trigger below counts them at commit.
CREATE FUNCTION organization_data_note_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO organization_data_changes (organization_id) SELECT DISTINCT organization_id FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO organization_data_changes (organization_id) SELECT DISTINCT organization_id FROM old_rows;
  ELSE
    INSERT INTO organization_data_changes (organization_id) SELECT organization_id FROM new_rows UNION SELECT organization_id FROM old_rows;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- At commit (deferred), once per organization and transaction: version + 1. The row is locked only while
-- the transaction commits. An organization deleted in the same transaction gets no row.
CREATE FUNCTION organization_data_bump_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  flag text := 'pi_data_version.o' || replace(NEW.organization_id::text, '-', '');
BEGIN
  DELETE FROM organization_data_changes WHERE id = NEW.id;
  IF coalesce(current_setting(flag, true), '') = '1' THEN
    RETURN NULL;
  END IF;
  PERFORM set_config(flag, '1', true);
  INSERT INTO organization_data_versions AS v (organization_id, version)
  SELECT NEW.organization_id, 1 WHERE EXISTS (SELECT 1 FROM organizations o WHERE o.id = NEW.organization_id)
  ON CONFLICT (organization_id) DO UPDATE SET version = v.version + 1;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER organization_data_changes_bump AFTER INSERT ON organization_data_changes
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION organization_data_bump_version();
--> statement-breakpoint
CREATE TRIGGER tins_data_version_insert AFTER INSERT ON tins REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION organization_data_note_change();
--> statement-breakpoint
CREATE TRIGGER tins_data_version_update AFTER UPDATE ON tins REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION organization_data_note_change();
--> statement-breakpoint
CREATE TRIGGER tins_data_version_delete AFTER DELETE ON tins REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION organization_data_note_change();
--> statement-breakpoint
CREATE TRIGGER clinicians_data_version_insert AFTER INSERT ON clinicians REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION organization_data_note_change();
--> statement-breakpoint
CREATE TRIGGER clinicians_data_version_update AFTER UPDATE ON clinicians REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION organization_data_note_change();
--> statement-breakpoint
CREATE TRIGGER clinicians_data_version_delete AFTER DELETE ON clinicians REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION organization_data_note_change();
--> statement-breakpoint
CREATE TRIGGER tin_memberships_data_version_insert AFTER INSERT ON tin_memberships REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION organization_data_note_change();
--> statement-breakpoint
CREATE TRIGGER tin_memberships_data_version_update AFTER UPDATE ON tin_memberships REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION organization_data_note_change();
--> statement-breakpoint
CREATE TRIGGER tin_memberships_data_version_delete AFTER DELETE ON tin_memberships REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION organization_data_note_change();
--> statement-breakpoint
CREATE TRIGGER membership_years_data_version_insert AFTER INSERT ON membership_years REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION organization_data_note_change();
--> statement-breakpoint
CREATE TRIGGER membership_years_data_version_update AFTER UPDATE ON membership_years REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION organization_data_note_change();
--> statement-breakpoint
CREATE TRIGGER membership_years_data_version_delete AFTER DELETE ON membership_years REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION organization_data_note_change();
--> statement-breakpoint
CREATE TRIGGER hardship_applications_data_version_insert AFTER INSERT ON hardship_applications REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION organization_data_note_change();
--> statement-breakpoint
CREATE TRIGGER hardship_applications_data_version_update AFTER UPDATE ON hardship_applications REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION organization_data_note_change();
--> statement-breakpoint
CREATE TRIGGER hardship_applications_data_version_delete AFTER DELETE ON hardship_applications REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION organization_data_note_change();
--> statement-breakpoint
CREATE TRIGGER virtual_groups_data_version_insert AFTER INSERT ON virtual_groups REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION organization_data_note_change();
--> statement-breakpoint
CREATE TRIGGER virtual_groups_data_version_update AFTER UPDATE ON virtual_groups REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION organization_data_note_change();
--> statement-breakpoint
CREATE TRIGGER virtual_groups_data_version_delete AFTER DELETE ON virtual_groups REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION organization_data_note_change();
--> statement-breakpoint
CREATE TRIGGER virtual_group_tins_data_version_insert AFTER INSERT ON virtual_group_tins REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION organization_data_note_change();
--> statement-breakpoint
CREATE TRIGGER virtual_group_tins_data_version_update AFTER UPDATE ON virtual_group_tins REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION organization_data_note_change();
--> statement-breakpoint
CREATE TRIGGER virtual_group_tins_data_version_delete AFTER DELETE ON virtual_group_tins REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION organization_data_note_change();
--> statement-breakpoint
CREATE TRIGGER cehrt_products_data_version_insert AFTER INSERT ON cehrt_products REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION organization_data_note_change();
--> statement-breakpoint
CREATE TRIGGER cehrt_products_data_version_update AFTER UPDATE ON cehrt_products REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION organization_data_note_change();
--> statement-breakpoint
CREATE TRIGGER cehrt_products_data_version_delete AFTER DELETE ON cehrt_products REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION organization_data_note_change();
--> statement-breakpoint
CREATE TRIGGER security_risk_analyses_data_version_insert AFTER INSERT ON security_risk_analyses REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION organization_data_note_change();
--> statement-breakpoint
CREATE TRIGGER security_risk_analyses_data_version_update AFTER UPDATE ON security_risk_analyses REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION organization_data_note_change();
--> statement-breakpoint
CREATE TRIGGER security_risk_analyses_data_version_delete AFTER DELETE ON security_risk_analyses REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION organization_data_note_change();
--> statement-breakpoint
CREATE TRIGGER measure_reports_data_version_insert AFTER INSERT ON measure_reports REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION organization_data_note_change();
--> statement-breakpoint
CREATE TRIGGER measure_reports_data_version_update AFTER UPDATE ON measure_reports REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION organization_data_note_change();
--> statement-breakpoint
CREATE TRIGGER measure_reports_data_version_delete AFTER DELETE ON measure_reports REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION organization_data_note_change();
--> statement-breakpoint
CREATE TRIGGER measure_values_data_version_insert AFTER INSERT ON measure_values REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION organization_data_note_change();
--> statement-breakpoint
CREATE TRIGGER measure_values_data_version_update AFTER UPDATE ON measure_values REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION organization_data_note_change();
--> statement-breakpoint
CREATE TRIGGER measure_values_data_version_delete AFTER DELETE ON measure_values REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION organization_data_note_change();
--> statement-breakpoint
CREATE TRIGGER report_measurement_sets_data_version_insert AFTER INSERT ON report_measurement_sets REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION organization_data_note_change();
--> statement-breakpoint
CREATE TRIGGER report_measurement_sets_data_version_update AFTER UPDATE ON report_measurement_sets REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION organization_data_note_change();
--> statement-breakpoint
CREATE TRIGGER report_measurement_sets_data_version_delete AFTER DELETE ON report_measurement_sets REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION organization_data_note_change();
--> statement-breakpoint
CREATE TRIGGER tin_reporting_choices_data_version_insert AFTER INSERT ON tin_reporting_choices REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION organization_data_note_change();
--> statement-breakpoint
CREATE TRIGGER tin_reporting_choices_data_version_update AFTER UPDATE ON tin_reporting_choices REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION organization_data_note_change();
--> statement-breakpoint
CREATE TRIGGER tin_reporting_choices_data_version_delete AFTER DELETE ON tin_reporting_choices REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION organization_data_note_change();
--> statement-breakpoint
CREATE TRIGGER final_score_inputs_data_version_insert AFTER INSERT ON final_score_inputs REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION organization_data_note_change();
--> statement-breakpoint
CREATE TRIGGER final_score_inputs_data_version_update AFTER UPDATE ON final_score_inputs REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION organization_data_note_change();
--> statement-breakpoint
CREATE TRIGGER final_score_inputs_data_version_delete AFTER DELETE ON final_score_inputs REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION organization_data_note_change();
