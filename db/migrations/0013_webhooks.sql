CREATE TABLE `webhook_commits` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source_id` integer NOT NULL,
	`service_id` integer NOT NULL,
	`sha` text NOT NULL,
	`committed_at` integer NOT NULL,
	`deployment_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`source_id`) REFERENCES `webhook_sources`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`deployment_id`) REFERENCES `deployments`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `webhook_commits_service_sha_uq` ON `webhook_commits` (`service_id`,`sha`);--> statement-breakpoint
CREATE INDEX `webhook_commits_pending_idx` ON `webhook_commits` (`service_id`,`committed_at`) WHERE "webhook_commits"."deployment_id" is null;--> statement-breakpoint
CREATE INDEX `webhook_commits_deployment_idx` ON `webhook_commits` (`deployment_id`);--> statement-breakpoint
CREATE TABLE `webhook_deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source_id` integer NOT NULL,
	`received_at` integer NOT NULL,
	`delivery_id` text,
	`event` text NOT NULL,
	`outcome` text NOT NULL,
	`verified` integer NOT NULL,
	`http_status` integer NOT NULL,
	`reason` text,
	`summary` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`source_id`) REFERENCES `webhook_sources`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `webhook_deliveries_source_idx` ON `webhook_deliveries` (`source_id`,`verified`,`id`);--> statement-breakpoint
CREATE TABLE `webhook_service_mappings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source_id` integer NOT NULL,
	`match_value` text NOT NULL,
	`service_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`source_id`) REFERENCES `webhook_sources`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `webhook_service_mappings_uq` ON `webhook_service_mappings` (`source_id`,`match_value`);--> statement-breakpoint
CREATE TABLE `webhook_sources` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`secret_box` text,
	`secret_hint` text,
	`secret_set_at` integer,
	`production_environment` text DEFAULT 'production' NOT NULL,
	`service_label` text DEFAULT 'service' NOT NULL,
	`default_service_id` integer,
	`created_by_user_id` integer,
	`last_delivery_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`default_service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `webhook_sources_name_unique` ON `webhook_sources` (`name`);