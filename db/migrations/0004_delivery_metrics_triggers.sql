-- Keeps delivery_lead_samples exact on every write to deployments and deployment_commits
-- (docs/decisions/401-dora-metrics-in-sql.md). Sample rules = the metric contract's lead time:
-- successful production deployments only; one sample per commit (finished - committed > 0),
-- or the first-commit time for a deployment given without commits.
CREATE TRIGGER delivery_lead_samples_deployment_insert AFTER INSERT ON deployments BEGIN
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
CREATE TRIGGER delivery_lead_samples_deployment_update
AFTER UPDATE OF id, service_id, environment, status, finished_at, first_commit_at ON deployments BEGIN
  DELETE FROM delivery_lead_samples WHERE deployment_id = OLD.id;
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
CREATE TRIGGER delivery_lead_samples_deployment_delete AFTER DELETE ON deployments BEGIN
  DELETE FROM delivery_lead_samples WHERE deployment_id = OLD.id;
END;
--> statement-breakpoint
-- A new commit: O(1) — drop the first-commit sample (a deployment with commits uses them) and add its own.
CREATE TRIGGER delivery_lead_samples_commit_insert AFTER INSERT ON deployment_commits BEGIN
  DELETE FROM delivery_lead_samples WHERE deployment_id = NEW.deployment_id AND commit_id IS NULL;
  INSERT INTO delivery_lead_samples (deployment_id, commit_id, service_id, finished_at, lead_ms)
    SELECT d.id, NEW.id, d.service_id, d.finished_at, d.finished_at - NEW.committed_at
    FROM deployments d
    WHERE d.id = NEW.deployment_id AND d.environment = 'production' AND d.status = 'success' AND d.finished_at > NEW.committed_at;
END;
--> statement-breakpoint
CREATE TRIGGER delivery_lead_samples_commit_update
AFTER UPDATE OF id, deployment_id, committed_at ON deployment_commits BEGIN
  DELETE FROM delivery_lead_samples WHERE deployment_id = OLD.deployment_id;
  INSERT INTO delivery_lead_samples (deployment_id, commit_id, service_id, finished_at, lead_ms)
    SELECT d.id, c.id, d.service_id, d.finished_at, d.finished_at - c.committed_at
    FROM deployments d JOIN deployment_commits c ON c.deployment_id = d.id
    WHERE d.id = OLD.deployment_id AND d.environment = 'production' AND d.status = 'success' AND d.finished_at > c.committed_at
    UNION ALL
    SELECT d.id, NULL, d.service_id, d.finished_at, d.finished_at - d.first_commit_at
    FROM deployments d
    WHERE d.id = OLD.deployment_id AND d.environment = 'production' AND d.status = 'success'
      AND d.first_commit_at IS NOT NULL AND d.finished_at > d.first_commit_at
      AND NOT EXISTS (SELECT 1 FROM deployment_commits c WHERE c.deployment_id = d.id);
  DELETE FROM delivery_lead_samples WHERE deployment_id = NEW.deployment_id;
  INSERT INTO delivery_lead_samples (deployment_id, commit_id, service_id, finished_at, lead_ms)
    SELECT d.id, c.id, d.service_id, d.finished_at, d.finished_at - c.committed_at
    FROM deployments d JOIN deployment_commits c ON c.deployment_id = d.id
    WHERE d.id = NEW.deployment_id AND d.environment = 'production' AND d.status = 'success' AND d.finished_at > c.committed_at
    UNION ALL
    SELECT d.id, NULL, d.service_id, d.finished_at, d.finished_at - d.first_commit_at
    FROM deployments d
    WHERE d.id = NEW.deployment_id AND d.environment = 'production' AND d.status = 'success'
      AND d.first_commit_at IS NOT NULL AND d.finished_at > d.first_commit_at
      AND NOT EXISTS (SELECT 1 FROM deployment_commits c WHERE c.deployment_id = d.id);
END;
--> statement-breakpoint
CREATE TRIGGER delivery_lead_samples_commit_delete AFTER DELETE ON deployment_commits BEGIN
  DELETE FROM delivery_lead_samples WHERE deployment_id = OLD.deployment_id;
  INSERT INTO delivery_lead_samples (deployment_id, commit_id, service_id, finished_at, lead_ms)
    SELECT d.id, c.id, d.service_id, d.finished_at, d.finished_at - c.committed_at
    FROM deployments d JOIN deployment_commits c ON c.deployment_id = d.id
    WHERE d.id = OLD.deployment_id AND d.environment = 'production' AND d.status = 'success' AND d.finished_at > c.committed_at
    UNION ALL
    SELECT d.id, NULL, d.service_id, d.finished_at, d.finished_at - d.first_commit_at
    FROM deployments d
    WHERE d.id = OLD.deployment_id AND d.environment = 'production' AND d.status = 'success'
      AND d.first_commit_at IS NOT NULL AND d.finished_at > d.first_commit_at
      AND NOT EXISTS (SELECT 1 FROM deployment_commits c WHERE c.deployment_id = d.id);
END;
--> statement-breakpoint
-- Backfill rows that exist already.
INSERT INTO delivery_lead_samples (deployment_id, commit_id, service_id, finished_at, lead_ms)
  SELECT d.id, c.id, d.service_id, d.finished_at, d.finished_at - c.committed_at
  FROM deployments d JOIN deployment_commits c ON c.deployment_id = d.id
  WHERE d.environment = 'production' AND d.status = 'success' AND d.finished_at > c.committed_at
  UNION ALL
  SELECT d.id, NULL, d.service_id, d.finished_at, d.finished_at - d.first_commit_at
  FROM deployments d
  WHERE d.environment = 'production' AND d.status = 'success'
    AND d.first_commit_at IS NOT NULL AND d.finished_at > d.first_commit_at
    AND NOT EXISTS (SELECT 1 FROM deployment_commits c WHERE c.deployment_id = d.id);
