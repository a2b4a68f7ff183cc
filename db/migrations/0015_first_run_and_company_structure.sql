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
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_company_settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`company_name` text DEFAULT '' NOT NULL,
	`currency` text DEFAULT 'EUR' NOT NULL,
	`locale` text DEFAULT 'fr-FR' NOT NULL,
	`time_zone` text DEFAULT 'Europe/Paris' NOT NULL,
	`loaded_cost_factor` real DEFAULT 1.45 NOT NULL,
	`gross_margin` real DEFAULT 0.75 NOT NULL,
	`headcount_target` integer DEFAULT 100 NOT NULL,
	`fiscal_year_start_month` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `__new_company_settings`("id", "company_name", "currency", "locale", "time_zone", "loaded_cost_factor", "gross_margin", "headcount_target", "created_at", "updated_at") SELECT "id", "company_name", "currency", "locale", "time_zone", "loaded_cost_factor", "gross_margin", "headcount_target", "created_at", "updated_at" FROM `company_settings`;--> statement-breakpoint
DROP TABLE `company_settings`;--> statement-breakpoint
ALTER TABLE `__new_company_settings` RENAME TO `company_settings`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
ALTER TABLE `teams` ADD `archived_at` integer;--> statement-breakpoint
ALTER TABLE `budget_categories` ADD `group` text DEFAULT 'other' NOT NULL;--> statement-breakpoint
ALTER TABLE `budget_categories` ADD `archived_at` integer;--> statement-breakpoint
UPDATE `budget_categories` SET `group` = CASE WHEN `is_it` = 1 THEN 'it' WHEN `name` = 'Salaries' THEN 'payroll' ELSE 'other' END;
