CREATE TABLE `delivery_daily` (
	`day` integer NOT NULL,
	`service_id` integer NOT NULL,
	`deployments` integer NOT NULL,
	`rework` integer NOT NULL,
	`failed` integer NOT NULL,
	PRIMARY KEY(`day`, `service_id`)
);
--> statement-breakpoint
CREATE TABLE `delivery_lead_daily` (
	`day` integer NOT NULL,
	`bucket` integer NOT NULL,
	`samples` integer NOT NULL,
	PRIMARY KEY(`day`, `bucket`)
);
--> statement-breakpoint
CREATE TABLE `delivery_lead_service_daily` (
	`service_id` integer NOT NULL,
	`day` integer NOT NULL,
	`bucket` integer NOT NULL,
	`samples` integer NOT NULL,
	PRIMARY KEY(`service_id`, `day`, `bucket`)
);
--> statement-breakpoint
CREATE INDEX `delivery_lead_service_daily_bucket_idx` ON `delivery_lead_service_daily` (`service_id`,`bucket`,`day`,`samples`);--> statement-breakpoint
ALTER TABLE `deployments` ADD `caused_incidents` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `incidents_unclassified_idx` ON `incidents` (`started_at`) WHERE "incidents"."cause_kind" is null;--> statement-breakpoint
CREATE INDEX `incidents_service_restore_idx` ON `incidents` (`service_id`,`started_at`,`resolved_at`);--> statement-breakpoint
CREATE INDEX `delivery_lead_samples_finished_idx` ON `delivery_lead_samples` (`finished_at`,`service_id`,`lead_ms`);--> statement-breakpoint
-- Daily rollups of the DORA figures (docs/decisions/402-dora-daily-rollups.md), kept exact by the
-- triggers below on every write path; a day is the UTC day start (ms) of finished_at.
-- 1. Backfill: stored causes per deployment, then the rollups (before the triggers exist).
UPDATE deployments SET caused_incidents = c.n
FROM (SELECT cause_deployment_id AS id, COUNT(*) AS n FROM incidents
      WHERE cause_deployment_id IS NOT NULL AND cause_kind IN ('explicit', 'inferred') GROUP BY cause_deployment_id) AS c
WHERE c.id = deployments.id;
--> statement-breakpoint
INSERT INTO delivery_daily (day, service_id, deployments, rework, failed)
SELECT finished_at - ((finished_at % 86400000) + 86400000) % 86400000, service_id,
       COUNT(*), SUM(is_hotfix OR is_rollback), SUM(caused_incidents > 0)
FROM deployments WHERE environment = 'production' AND status = 'success'
GROUP BY 1, 2;
--> statement-breakpoint
INSERT INTO delivery_lead_daily (day, bucket, samples)
SELECT finished_at - ((finished_at % 86400000) + 86400000) % 86400000, CAST(ln(lead_ms) * 5 AS INTEGER), COUNT(*)
FROM delivery_lead_samples GROUP BY 1, 2;
--> statement-breakpoint
INSERT INTO delivery_lead_service_daily (service_id, day, bucket, samples)
SELECT service_id, finished_at - ((finished_at % 86400000) + 86400000) % 86400000, CAST(ln(lead_ms) * 5 AS INTEGER), COUNT(*)
FROM delivery_lead_samples GROUP BY 1, 2, 3;
--> statement-breakpoint
-- 2. deployments.caused_incidents follows the incidents' stored causes.
CREATE TRIGGER delivery_caused_incident_insert AFTER INSERT ON incidents
WHEN NEW.cause_deployment_id IS NOT NULL AND NEW.cause_kind IN ('explicit', 'inferred') BEGIN
  UPDATE deployments SET caused_incidents = caused_incidents + 1 WHERE id = NEW.cause_deployment_id;
END;
--> statement-breakpoint
CREATE TRIGGER delivery_caused_incident_update AFTER UPDATE OF cause_deployment_id, cause_kind ON incidents BEGIN
  UPDATE deployments SET caused_incidents = caused_incidents - 1
    WHERE id = OLD.cause_deployment_id AND OLD.cause_kind IN ('explicit', 'inferred');
  UPDATE deployments SET caused_incidents = caused_incidents + 1
    WHERE id = NEW.cause_deployment_id AND NEW.cause_kind IN ('explicit', 'inferred');
END;
--> statement-breakpoint
CREATE TRIGGER delivery_caused_incident_delete AFTER DELETE ON incidents
WHEN OLD.cause_deployment_id IS NOT NULL AND OLD.cause_kind IN ('explicit', 'inferred') BEGIN
  UPDATE deployments SET caused_incidents = caused_incidents - 1 WHERE id = OLD.cause_deployment_id;
END;
--> statement-breakpoint
-- 3. delivery_daily follows successful production deployments (a change = remove the old row's share, add the new one's).
CREATE TRIGGER delivery_daily_deployment_insert AFTER INSERT ON deployments
WHEN NEW.environment = 'production' AND NEW.status = 'success' BEGIN
  INSERT INTO delivery_daily (day, service_id, deployments, rework, failed)
  VALUES (NEW.finished_at - ((NEW.finished_at % 86400000) + 86400000) % 86400000, NEW.service_id,
          1, NEW.is_hotfix OR NEW.is_rollback, NEW.caused_incidents > 0)
  ON CONFLICT (day, service_id) DO UPDATE SET
    deployments = deployments + excluded.deployments, rework = rework + excluded.rework, failed = failed + excluded.failed;
END;
--> statement-breakpoint
CREATE TRIGGER delivery_daily_deployment_update
AFTER UPDATE OF service_id, environment, status, finished_at, is_hotfix, is_rollback, caused_incidents ON deployments BEGIN
  INSERT INTO delivery_daily (day, service_id, deployments, rework, failed)
  SELECT OLD.finished_at - ((OLD.finished_at % 86400000) + 86400000) % 86400000, OLD.service_id,
         -1, -(OLD.is_hotfix OR OLD.is_rollback), -(OLD.caused_incidents > 0)
  WHERE OLD.environment = 'production' AND OLD.status = 'success'
  ON CONFLICT (day, service_id) DO UPDATE SET
    deployments = deployments + excluded.deployments, rework = rework + excluded.rework, failed = failed + excluded.failed;
  INSERT INTO delivery_daily (day, service_id, deployments, rework, failed)
  SELECT NEW.finished_at - ((NEW.finished_at % 86400000) + 86400000) % 86400000, NEW.service_id,
         1, NEW.is_hotfix OR NEW.is_rollback, NEW.caused_incidents > 0
  WHERE NEW.environment = 'production' AND NEW.status = 'success'
  ON CONFLICT (day, service_id) DO UPDATE SET
    deployments = deployments + excluded.deployments, rework = rework + excluded.rework, failed = failed + excluded.failed;
END;
--> statement-breakpoint
CREATE TRIGGER delivery_daily_deployment_delete AFTER DELETE ON deployments
WHEN OLD.environment = 'production' AND OLD.status = 'success' BEGIN
  UPDATE delivery_daily SET
    deployments = deployments - 1, rework = rework - (OLD.is_hotfix OR OLD.is_rollback), failed = failed - (OLD.caused_incidents > 0)
  WHERE day = OLD.finished_at - ((OLD.finished_at % 86400000) + 86400000) % 86400000 AND service_id = OLD.service_id;
END;
--> statement-breakpoint
-- 4. The lead-time rollups follow delivery_lead_samples (itself kept by the triggers of 0004).
CREATE TRIGGER delivery_lead_daily_sample_insert AFTER INSERT ON delivery_lead_samples BEGIN
  INSERT INTO delivery_lead_daily (day, bucket, samples)
  VALUES (NEW.finished_at - ((NEW.finished_at % 86400000) + 86400000) % 86400000, CAST(ln(NEW.lead_ms) * 5 AS INTEGER), 1)
  ON CONFLICT (day, bucket) DO UPDATE SET samples = samples + 1;
  INSERT INTO delivery_lead_service_daily (service_id, day, bucket, samples)
  VALUES (NEW.service_id, NEW.finished_at - ((NEW.finished_at % 86400000) + 86400000) % 86400000, CAST(ln(NEW.lead_ms) * 5 AS INTEGER), 1)
  ON CONFLICT (service_id, day, bucket) DO UPDATE SET samples = samples + 1;
END;
--> statement-breakpoint
CREATE TRIGGER delivery_lead_daily_sample_delete AFTER DELETE ON delivery_lead_samples BEGIN
  UPDATE delivery_lead_daily SET samples = samples - 1
  WHERE day = OLD.finished_at - ((OLD.finished_at % 86400000) + 86400000) % 86400000 AND bucket = CAST(ln(OLD.lead_ms) * 5 AS INTEGER);
  UPDATE delivery_lead_service_daily SET samples = samples - 1
  WHERE service_id = OLD.service_id AND day = OLD.finished_at - ((OLD.finished_at % 86400000) + 86400000) % 86400000
    AND bucket = CAST(ln(OLD.lead_ms) * 5 AS INTEGER);
END;
