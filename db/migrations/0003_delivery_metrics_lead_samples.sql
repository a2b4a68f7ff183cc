CREATE TABLE `delivery_lead_samples` (
	`deployment_id` integer NOT NULL,
	`commit_id` integer,
	`service_id` integer NOT NULL,
	`finished_at` integer NOT NULL,
	`lead_ms` integer NOT NULL,
	FOREIGN KEY (`deployment_id`) REFERENCES `deployments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`commit_id`) REFERENCES `deployment_commits`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `delivery_lead_samples_finished_idx` ON `delivery_lead_samples` (`finished_at`,`lead_ms`);--> statement-breakpoint
CREATE INDEX `delivery_lead_samples_service_idx` ON `delivery_lead_samples` (`service_id`,`finished_at`,`lead_ms`);--> statement-breakpoint
CREATE INDEX `delivery_lead_samples_deployment_idx` ON `delivery_lead_samples` (`deployment_id`,`commit_id`);