-- Rollups of measure_reports / measure_values (db/schema/cehrt-rollups.ts), maintained by triggers in the
-- same transaction as every write, so imports, edits, replacements and cascades keep them exact.
--
-- measure_values: statement-level triggers with transition tables (one set-based statement per import
-- statement, not one per row). A value's key (TIN, product, period, year) is on its report, read by a join.
-- When a report is deleted, its values cascade after the report row is gone: the BEFORE DELETE row trigger
-- on measure_reports subtracts them while they are still there, and the values' own delete trigger finds
-- no report to join (nothing is counted twice). A report whose key changes moves its values.
CREATE FUNCTION measure_value_rollups_on_values() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    UPDATE measure_value_rollups r
    SET value_count = r.value_count - d.value_count, rate_count = r.rate_count - d.rate_count,
        numerator_sum = r.numerator_sum - d.numerator_sum, denominator_sum = r.denominator_sum - d.denominator_sum,
        yes_count = r.yes_count - d.yes_count, no_count = r.no_count - d.no_count
    FROM (
      SELECT mr.organization_id, mr.performance_year, mr.tin_id, mr.product_id, mr.performance_start, mr.performance_end, v.measure_id,
             count(*)::int AS value_count, count(v.numerator)::int AS rate_count,
             coalesce(sum(v.numerator), 0) AS numerator_sum, coalesce(sum(v.denominator), 0) AS denominator_sum,
             (count(*) FILTER (WHERE v.yes_no))::int AS yes_count, (count(*) FILTER (WHERE NOT v.yes_no))::int AS no_count
      FROM old_rows v JOIN measure_reports mr ON mr.organization_id = v.organization_id AND mr.id = v.report_id
      GROUP BY 1, 2, 3, 4, 5, 6, 7
    ) d
    WHERE r.organization_id = d.organization_id AND r.performance_year = d.performance_year AND r.tin_id = d.tin_id
      AND r.product_id IS NOT DISTINCT FROM d.product_id AND r.performance_start = d.performance_start
      AND r.performance_end = d.performance_end AND r.measure_id = d.measure_id;
    DELETE FROM measure_value_rollups r
    USING (SELECT DISTINCT mr.organization_id, mr.performance_year, mr.tin_id, mr.product_id, mr.performance_start, mr.performance_end, v.measure_id
           FROM old_rows v JOIN measure_reports mr ON mr.organization_id = v.organization_id AND mr.id = v.report_id) d
    WHERE r.value_count = 0 AND r.organization_id = d.organization_id AND r.performance_year = d.performance_year AND r.tin_id = d.tin_id
      AND r.product_id IS NOT DISTINCT FROM d.product_id AND r.performance_start = d.performance_start
      AND r.performance_end = d.performance_end AND r.measure_id = d.measure_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO measure_value_rollups AS r (organization_id, performance_year, tin_id, product_id, performance_start, performance_end, measure_id,
                                            value_count, rate_count, numerator_sum, denominator_sum, yes_count, no_count)
    SELECT mr.organization_id, mr.performance_year, mr.tin_id, mr.product_id, mr.performance_start, mr.performance_end, v.measure_id,
           count(*)::int, count(v.numerator)::int, coalesce(sum(v.numerator), 0), coalesce(sum(v.denominator), 0),
           (count(*) FILTER (WHERE v.yes_no))::int, (count(*) FILTER (WHERE NOT v.yes_no))::int
    FROM new_rows v JOIN measure_reports mr ON mr.organization_id = v.organization_id AND mr.id = v.report_id
    GROUP BY 1, 2, 3, 4, 5, 6, 7
    -- A fixed order, so concurrent imports lock shared rollup rows in the same order (no deadlock).
    ORDER BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT ON CONSTRAINT measure_value_rollups_key DO UPDATE
    SET value_count = r.value_count + excluded.value_count, rate_count = r.rate_count + excluded.rate_count,
        numerator_sum = r.numerator_sum + excluded.numerator_sum, denominator_sum = r.denominator_sum + excluded.denominator_sum,
        yes_count = r.yes_count + excluded.yes_count, no_count = r.no_count + excluded.no_count;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER measure_values_rollup_insert AFTER INSERT ON measure_values
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION measure_value_rollups_on_values();
--> statement-breakpoint
CREATE TRIGGER measure_values_rollup_update AFTER UPDATE ON measure_values
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION measure_value_rollups_on_values();
--> statement-breakpoint
CREATE TRIGGER measure_values_rollup_delete AFTER DELETE ON measure_values
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION measure_value_rollups_on_values();
--> statement-breakpoint
-- Adds (sign 1) or subtracts (sign -1) one report's stored values under the report's key. Subtracting
-- only updates existing rows: when a TIN is deleted its rollups may already be gone (cascade).
CREATE FUNCTION measure_value_rollups_apply_report(sign int, rep measure_reports) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF sign > 0 THEN
    INSERT INTO measure_value_rollups AS r (organization_id, performance_year, tin_id, product_id, performance_start, performance_end, measure_id,
                                            value_count, rate_count, numerator_sum, denominator_sum, yes_count, no_count)
    SELECT rep.organization_id, rep.performance_year, rep.tin_id, rep.product_id, rep.performance_start, rep.performance_end, v.measure_id,
           count(*)::int, count(v.numerator)::int, coalesce(sum(v.numerator), 0), coalesce(sum(v.denominator), 0),
           (count(*) FILTER (WHERE v.yes_no))::int, (count(*) FILTER (WHERE NOT v.yes_no))::int
    FROM measure_values v
    WHERE v.organization_id = rep.organization_id AND v.report_id = rep.id
    GROUP BY v.measure_id
    ORDER BY v.measure_id
    ON CONFLICT ON CONSTRAINT measure_value_rollups_key DO UPDATE
    SET value_count = r.value_count + excluded.value_count, rate_count = r.rate_count + excluded.rate_count,
        numerator_sum = r.numerator_sum + excluded.numerator_sum, denominator_sum = r.denominator_sum + excluded.denominator_sum,
        yes_count = r.yes_count + excluded.yes_count, no_count = r.no_count + excluded.no_count;
  ELSE
    UPDATE measure_value_rollups r
    SET value_count = r.value_count - d.value_count, rate_count = r.rate_count - d.rate_count,
        numerator_sum = r.numerator_sum - d.numerator_sum, denominator_sum = r.denominator_sum - d.denominator_sum,
        yes_count = r.yes_count - d.yes_count, no_count = r.no_count - d.no_count
    FROM (
      SELECT v.measure_id, count(*)::int AS value_count, count(v.numerator)::int AS rate_count,
             coalesce(sum(v.numerator), 0) AS numerator_sum, coalesce(sum(v.denominator), 0) AS denominator_sum,
             (count(*) FILTER (WHERE v.yes_no))::int AS yes_count, (count(*) FILTER (WHERE NOT v.yes_no))::int AS no_count
      FROM measure_values v WHERE v.organization_id = rep.organization_id AND v.report_id = rep.id GROUP BY v.measure_id
    ) d
    WHERE r.organization_id = rep.organization_id AND r.performance_year = rep.performance_year AND r.tin_id = rep.tin_id
      AND r.product_id IS NOT DISTINCT FROM rep.product_id AND r.performance_start = rep.performance_start
      AND r.performance_end = rep.performance_end AND r.measure_id = d.measure_id;
    DELETE FROM measure_value_rollups r
    WHERE r.value_count = 0 AND r.organization_id = rep.organization_id AND r.performance_year = rep.performance_year AND r.tin_id = rep.tin_id
      AND r.product_id IS NOT DISTINCT FROM rep.product_id AND r.performance_start = rep.performance_start AND r.performance_end = rep.performance_end;
  END IF;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION measure_value_rollups_on_report() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    -- Skipped cheaply when the values were deleted first (their own trigger subtracted them).
    IF EXISTS (SELECT 1 FROM measure_values v WHERE v.organization_id = OLD.organization_id AND v.report_id = OLD.id) THEN
      PERFORM measure_value_rollups_apply_report(-1, OLD);
    END IF;
    RETURN OLD;
  END IF;
  -- UPDATE of the key: move the values from the old key to the new one.
  PERFORM measure_value_rollups_apply_report(-1, OLD);
  PERFORM measure_value_rollups_apply_report(1, NEW);
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER measure_reports_rollup_delete BEFORE DELETE ON measure_reports
  FOR EACH ROW EXECUTE FUNCTION measure_value_rollups_on_report();
--> statement-breakpoint
CREATE TRIGGER measure_reports_rollup_move AFTER UPDATE OF organization_id, tin_id, product_id, performance_year, performance_start, performance_end ON measure_reports
  FOR EACH ROW
  WHEN ((OLD.organization_id, OLD.tin_id, OLD.product_id, OLD.performance_year, OLD.performance_start, OLD.performance_end)
        IS DISTINCT FROM (NEW.organization_id, NEW.tin_id, NEW.product_id, NEW.performance_year, NEW.performance_start, NEW.performance_end))
  EXECUTE FUNCTION measure_value_rollups_on_report();
--> statement-breakpoint
-- measure_report_rollups and measure_report_clinician_rollups: report rows carry their own key, so statement-level triggers suffice.
CREATE FUNCTION measure_report_rollups_on_reports() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    UPDATE measure_report_rollups r
    SET report_count = r.report_count - d.report_count, whole_tin_report_count = r.whole_tin_report_count - d.whole_tin_report_count
    FROM (SELECT organization_id, performance_year, tin_id, product_id, performance_start, performance_end,
                 count(*)::int AS report_count, (count(*) FILTER (WHERE clinician_id IS NULL))::int AS whole_tin_report_count
          FROM old_rows GROUP BY 1, 2, 3, 4, 5, 6) d
    WHERE r.organization_id = d.organization_id AND r.performance_year = d.performance_year AND r.tin_id = d.tin_id
      AND r.product_id IS NOT DISTINCT FROM d.product_id AND r.performance_start = d.performance_start AND r.performance_end = d.performance_end;
    DELETE FROM measure_report_rollups r
    USING (SELECT DISTINCT organization_id, performance_year, tin_id, product_id, performance_start, performance_end FROM old_rows) d
    WHERE r.report_count = 0 AND r.organization_id = d.organization_id AND r.performance_year = d.performance_year AND r.tin_id = d.tin_id
      AND r.product_id IS NOT DISTINCT FROM d.product_id AND r.performance_start = d.performance_start AND r.performance_end = d.performance_end;
    UPDATE measure_report_clinician_rollups r SET report_count = r.report_count - d.report_count
    FROM (SELECT organization_id, performance_year, tin_id, clinician_id, count(*)::int AS report_count FROM old_rows GROUP BY 1, 2, 3, 4) d
    WHERE r.organization_id = d.organization_id AND r.performance_year = d.performance_year AND r.tin_id = d.tin_id AND r.clinician_id IS NOT DISTINCT FROM d.clinician_id;
    DELETE FROM measure_report_clinician_rollups r
    USING (SELECT DISTINCT organization_id, performance_year, tin_id, clinician_id FROM old_rows) d
    WHERE r.report_count = 0 AND r.organization_id = d.organization_id AND r.performance_year = d.performance_year AND r.tin_id = d.tin_id
      AND r.clinician_id IS NOT DISTINCT FROM d.clinician_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO measure_report_clinician_rollups AS r (organization_id, performance_year, tin_id, clinician_id, report_count)
    SELECT organization_id, performance_year, tin_id, clinician_id, count(*)::int FROM new_rows GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT ON CONSTRAINT measure_report_clinician_rollups_key DO UPDATE SET report_count = r.report_count + excluded.report_count;
    INSERT INTO measure_report_rollups AS r (organization_id, performance_year, tin_id, product_id, performance_start, performance_end, report_count, whole_tin_report_count)
    SELECT organization_id, performance_year, tin_id, product_id, performance_start, performance_end,
           count(*)::int, (count(*) FILTER (WHERE clinician_id IS NULL))::int
    FROM new_rows GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT ON CONSTRAINT measure_report_rollups_key DO UPDATE
    SET report_count = r.report_count + excluded.report_count, whole_tin_report_count = r.whole_tin_report_count + excluded.whole_tin_report_count;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER measure_reports_rollup_insert AFTER INSERT ON measure_reports
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION measure_report_rollups_on_reports();
--> statement-breakpoint
CREATE TRIGGER measure_reports_rollup_update AFTER UPDATE ON measure_reports
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION measure_report_rollups_on_reports();
--> statement-breakpoint
CREATE TRIGGER measure_reports_rollup_delete_counts AFTER DELETE ON measure_reports
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION measure_report_rollups_on_reports();
--> statement-breakpoint
-- Data stored before this migration.
INSERT INTO measure_value_rollups (organization_id, performance_year, tin_id, product_id, performance_start, performance_end, measure_id,
                                   value_count, rate_count, numerator_sum, denominator_sum, yes_count, no_count)
SELECT mr.organization_id, mr.performance_year, mr.tin_id, mr.product_id, mr.performance_start, mr.performance_end, v.measure_id,
       count(*)::int, count(v.numerator)::int, coalesce(sum(v.numerator), 0), coalesce(sum(v.denominator), 0),
       (count(*) FILTER (WHERE v.yes_no))::int, (count(*) FILTER (WHERE NOT v.yes_no))::int
FROM measure_values v JOIN measure_reports mr ON mr.organization_id = v.organization_id AND mr.id = v.report_id
GROUP BY 1, 2, 3, 4, 5, 6, 7;
--> statement-breakpoint
INSERT INTO measure_report_rollups (organization_id, performance_year, tin_id, product_id, performance_start, performance_end, report_count, whole_tin_report_count)
SELECT organization_id, performance_year, tin_id, product_id, performance_start, performance_end, count(*)::int, (count(*) FILTER (WHERE clinician_id IS NULL))::int
FROM measure_reports GROUP BY 1, 2, 3, 4, 5, 6;
--> statement-breakpoint
INSERT INTO measure_report_clinician_rollups (organization_id, performance_year, tin_id, clinician_id, report_count)
SELECT organization_id, performance_year, tin_id, clinician_id, count(*)::int FROM measure_reports GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
-- tin_roster_versions (db/schema/roster-summaries.ts): bumped for every TIN whose memberships, their year
-- figures, hardship applications or clinicians' types change, in the same transaction; a stored
-- tin_reweighting_summaries row computed from an older version is recomputed by its next reader.
-- TINs being deleted are skipped (the join on tins): their versions and summaries cascade away.
CREATE TYPE tin_roster_key AS (organization_id uuid, tin_id uuid);
--> statement-breakpoint
CREATE FUNCTION tin_roster_versions_add(changed tin_roster_key[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO tin_roster_versions AS v (organization_id, tin_id, version)
  SELECT c.organization_id, c.tin_id, 1 FROM unnest(changed) c JOIN tins t ON t.organization_id = c.organization_id AND t.id = c.tin_id
  ORDER BY 1, 2
  ON CONFLICT (organization_id, tin_id) DO UPDATE SET version = v.version + 1;
$$;
--> statement-breakpoint
CREATE FUNCTION tin_roster_versions_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME IN ('tin_memberships', 'hardship_applications') THEN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN PERFORM tin_roster_versions_add(array_agg(DISTINCT (organization_id, tin_id)::tin_roster_key)) FROM new_rows; END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN PERFORM tin_roster_versions_add(array_agg(DISTINCT (organization_id, tin_id)::tin_roster_key)) FROM old_rows; END IF;
  ELSIF TG_TABLE_NAME = 'membership_years' THEN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
      PERFORM tin_roster_versions_add(array_agg(DISTINCT (m.organization_id, m.tin_id)::tin_roster_key))
      FROM new_rows y JOIN tin_memberships m ON m.organization_id = y.organization_id AND m.id = y.membership_id;
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
      PERFORM tin_roster_versions_add(array_agg(DISTINCT (m.organization_id, m.tin_id)::tin_roster_key))
      FROM old_rows y JOIN tin_memberships m ON m.organization_id = y.organization_id AND m.id = y.membership_id;
    END IF;
  ELSIF TG_TABLE_NAME = 'clinicians' THEN
    -- Only a changed clinician type matters (a new clinician has no membership; a deleted one's cascade).
    PERFORM tin_roster_versions_add(array_agg(DISTINCT (m.organization_id, m.tin_id)::tin_roster_key))
    FROM new_rows n JOIN old_rows o ON o.id = n.id AND o.clinician_type IS DISTINCT FROM n.clinician_type
    JOIN tin_memberships m ON m.organization_id = n.organization_id AND m.clinician_id = n.id;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER tin_memberships_roster_version_insert AFTER INSERT ON tin_memberships
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tin_roster_versions_bump();
--> statement-breakpoint
CREATE TRIGGER tin_memberships_roster_version_update AFTER UPDATE ON tin_memberships
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tin_roster_versions_bump();
--> statement-breakpoint
CREATE TRIGGER tin_memberships_roster_version_delete AFTER DELETE ON tin_memberships
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tin_roster_versions_bump();
--> statement-breakpoint
CREATE TRIGGER membership_years_roster_version_insert AFTER INSERT ON membership_years
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tin_roster_versions_bump();
--> statement-breakpoint
CREATE TRIGGER membership_years_roster_version_update AFTER UPDATE ON membership_years
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tin_roster_versions_bump();
--> statement-breakpoint
CREATE TRIGGER membership_years_roster_version_delete AFTER DELETE ON membership_years
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tin_roster_versions_bump();
--> statement-breakpoint
CREATE TRIGGER hardship_applications_roster_version_insert AFTER INSERT ON hardship_applications
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tin_roster_versions_bump();
--> statement-breakpoint
CREATE TRIGGER hardship_applications_roster_version_update AFTER UPDATE ON hardship_applications
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tin_roster_versions_bump();
--> statement-breakpoint
CREATE TRIGGER hardship_applications_roster_version_delete AFTER DELETE ON hardship_applications
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tin_roster_versions_bump();
--> statement-breakpoint
CREATE TRIGGER clinicians_roster_version_update AFTER UPDATE ON clinicians
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tin_roster_versions_bump();
