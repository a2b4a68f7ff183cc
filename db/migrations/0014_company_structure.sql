CREATE TABLE `budget_envelopes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`category_id` integer NOT NULL,
	`fiscal_year` integer NOT NULL,
	`amount_cents` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`category_id`) REFERENCES `budget_categories`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `budget_envelopes_uq` ON `budget_envelopes` (`category_id`,`fiscal_year`);--> statement-breakpoint
CREATE TABLE `company_targets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`value` real NOT NULL,
	`source` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `company_targets_key_unique` ON `company_targets` (`key`);--> statement-breakpoint
ALTER TABLE `budget_categories` ADD `group` text DEFAULT 'other' NOT NULL;--> statement-breakpoint
ALTER TABLE `budget_categories` ADD `archived_at` integer;--> statement-breakpoint
UPDATE `budget_categories` SET `group` = CASE WHEN `is_it` = 1 THEN 'it' WHEN `name` = 'Salaries' THEN 'payroll' ELSE 'other' END;
