CREATE INDEX `deployments_finished_idx` ON `deployments` (`finished_at`);--> statement-breakpoint
CREATE INDEX `deployments_service_only_finished_idx` ON `deployments` (`service_id`,`finished_at`);