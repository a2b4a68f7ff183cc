CREATE TABLE `delivery_bulk_ingest` (
	`active` integer PRIMARY KEY NOT NULL
);
--> statement-breakpoint
-- The INSERT triggers of the delivery rollups stand aside while delivery_bulk_ingest holds a row
-- (docs/decisions/404): the ingest then maintains the samples and rollups in bulk, inside the same
-- transaction. Otherwise identical to 0004 and 0012.
DROP TRIGGER delivery_lead_samples_deployment_insert;
--> statement-breakpoint
CREATE TRIGGER delivery_lead_samples_deployment_insert AFTER INSERT ON deployments
WHEN NOT EXISTS (SELECT 1 FROM delivery_bulk_ingest) BEGIN
  DELETE FROM delivery_lead_samples WHERE deployment_id = NEW.id;
  INSERT INTO delivery_lead_samples (deployment_id, commit_id, service_id, finished_at, lead_ms)
    SELECT d.id, c.id, d.service_id, d.finished_at, d.finished_at - c.committed_at
    FROM deployments d JOIN deployment_commits c ON c.deployment_id = d.id
    WHERE d.id = NEW.id AND d.environment = 'production' AND d.status = 'success' AND d.finished_at > c.committed_at
    UNION ALL
    SELECT d.id, NULL, d.service_id, d.finished_at, d.finished_at - d.first_commit_at
    FROM deployments d
    WHERE d.id = NEW.id AND d.environment = 'production' AND d.status = 'success'
      AND d.first_commit_at IS NOT NULL AND d.finished_at > d.first_commit_at
      AND NOT EXISTS (SELECT 1 FROM deployment_commits c WHERE c.deployment_id = d.id);
END;
--> statement-breakpoint
DROP TRIGGER delivery_lead_samples_commit_insert;
--> statement-breakpoint
CREATE TRIGGER delivery_lead_samples_commit_insert AFTER INSERT ON deployment_commits
WHEN NOT EXISTS (SELECT 1 FROM delivery_bulk_ingest) BEGIN
  DELETE FROM delivery_lead_samples WHERE deployment_id = NEW.deployment_id AND commit_id IS NULL;
  INSERT INTO delivery_lead_samples (deployment_id, commit_id, service_id, finished_at, lead_ms)
    SELECT d.id, NEW.id, d.service_id, d.finished_at, d.finished_at - NEW.committed_at
    FROM deployments d
    WHERE d.id = NEW.deployment_id AND d.environment = 'production' AND d.status = 'success' AND d.finished_at > NEW.committed_at;
END;
--> statement-breakpoint
DROP TRIGGER delivery_daily_deployment_insert;
--> statement-breakpoint
CREATE TRIGGER delivery_daily_deployment_insert AFTER INSERT ON deployments
WHEN NEW.environment = 'production' AND NEW.status = 'success' AND NOT EXISTS (SELECT 1 FROM delivery_bulk_ingest) BEGIN
  INSERT INTO delivery_daily (day, service_id, deployments, rework, failed)
  VALUES (NEW.finished_at - ((NEW.finished_at % 86400000) + 86400000) % 86400000, NEW.service_id,
          1, NEW.is_hotfix OR NEW.is_rollback, NEW.caused_incidents > 0)
  ON CONFLICT (day, service_id) DO UPDATE SET
    deployments = deployments + excluded.deployments, rework = rework + excluded.rework, failed = failed + excluded.failed;
END;
--> statement-breakpoint
DROP TRIGGER delivery_lead_daily_sample_insert;
--> statement-breakpoint
CREATE TRIGGER delivery_lead_daily_sample_insert AFTER INSERT ON delivery_lead_samples
WHEN NOT EXISTS (SELECT 1 FROM delivery_bulk_ingest) BEGIN
  INSERT INTO delivery_lead_daily (day, bucket, samples)
  VALUES (NEW.finished_at - ((NEW.finished_at % 86400000) + 86400000) % 86400000, CAST(ln(NEW.lead_ms) * 5 AS INTEGER), 1)
  ON CONFLICT (day, bucket) DO UPDATE SET samples = samples + 1;
  INSERT INTO delivery_lead_service_daily (service_id, day, bucket, samples)
  VALUES (NEW.service_id, NEW.finished_at - ((NEW.finished_at % 86400000) + 86400000) % 86400000, CAST(ln(NEW.lead_ms) * 5 AS INTEGER), 1)
  ON CONFLICT (service_id, day, bucket) DO UPDATE SET samples = samples + 1;
END;
