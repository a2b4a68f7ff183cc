CREATE TABLE `scenario_funding_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`scenario_id` integer NOT NULL,
	`month` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`label` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`scenario_id`) REFERENCES `scenarios`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `scenario_funding_scenario_idx` ON `scenario_funding_events` (`scenario_id`);--> statement-breakpoint
CREATE TABLE `scenarios` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`probability` real NOT NULL,
	`revenue_growth` real,
	`extra_churn` real,
	`hiring_speed` real DEFAULT 1 NOT NULL,
	`hiring_freeze_from` text,
	`cost_change_payroll` real DEFAULT 0 NOT NULL,
	`cost_change_it` real DEFAULT 0 NOT NULL,
	`cost_change_other` real DEFAULT 0 NOT NULL,
	`trigger_metric` text,
	`trigger_comparison` text,
	`trigger_value` real,
	`trigger_value2` real,
	`trigger_by` text,
	`actions` text DEFAULT '' NOT NULL,
	`raises_risk` integer DEFAULT false NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scenarios_name_unique` ON `scenarios` (`name`);--> statement-breakpoint
CREATE TABLE `milestones` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`due_date` text NOT NULL,
	`metric_id` text,
	`comparison` text,
	`value` real,
	`status` text DEFAULT 'pending' NOT NULL,
	`evidence` text,
	`updated_by_user_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`updated_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `milestones_due_idx` ON `milestones` (`due_date`);--> statement-breakpoint
CREATE TABLE `plan_targets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`metric_id` text NOT NULL,
	`year` integer NOT NULL,
	`value` real NOT NULL,
	`note` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `plan_targets_uq` ON `plan_targets` (`metric_id`,`year`);--> statement-breakpoint
CREATE TABLE `roadmap_item_key_results` (
	`item_id` integer NOT NULL,
	`key_result_id` integer NOT NULL,
	PRIMARY KEY(`item_id`, `key_result_id`),
	FOREIGN KEY (`item_id`) REFERENCES `roadmap_items`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`key_result_id`) REFERENCES `key_results`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `roadmap_item_kr_kr_idx` ON `roadmap_item_key_results` (`key_result_id`);--> statement-breakpoint
CREATE TABLE `roadmap_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`title` text NOT NULL,
	`team_id` integer NOT NULL,
	`quarter` text NOT NULL,
	`sprint` text,
	`status` text DEFAULT 'planned' NOT NULL,
	`owner_user_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`owner_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `roadmap_items_key_unique` ON `roadmap_items` (`key`);--> statement-breakpoint
CREATE INDEX `roadmap_items_team_idx` ON `roadmap_items` (`team_id`,`status`);--> statement-breakpoint
CREATE INDEX `roadmap_items_quarter_idx` ON `roadmap_items` (`quarter`);--> statement-breakpoint
CREATE TABLE `gate_decisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`gate_id` integer NOT NULL,
	`decision` text NOT NULL,
	`alternative` text,
	`rationale` text NOT NULL,
	`decided_by_user_id` integer,
	`decided_at` integer NOT NULL,
	`snapshot` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`gate_id`) REFERENCES `decision_gates`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`decided_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `gate_decisions_gate_idx` ON `gate_decisions` (`gate_id`,`decided_at`);--> statement-breakpoint
CREATE TABLE `gate_manual_criteria` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`gate_id` integer NOT NULL,
	`label` text NOT NULL,
	`checked` integer DEFAULT false NOT NULL,
	`checked_by_user_id` integer,
	`checked_at` integer,
	`note` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`gate_id`) REFERENCES `decision_gates`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`checked_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `gate_manual_criteria_gate_idx` ON `gate_manual_criteria` (`gate_id`);--> statement-breakpoint
INSERT OR IGNORE INTO `risk_rules` (`kind`, `threshold`, `enabled`, `created_at`, `updated_at`) SELECT 'scenario_trigger_holds', 0.1, 1, CAST(unixepoch('subsec') * 1000 AS integer), CAST(unixepoch('subsec') * 1000 AS integer) WHERE EXISTS (SELECT 1 FROM `risk_rules`);
