PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_check_ins` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key_result_id` integer NOT NULL,
	`value` real,
	`confidence` integer NOT NULL,
	`note` text,
	`author_user_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`key_result_id`) REFERENCES `key_results`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
INSERT INTO `__new_check_ins`("id", "key_result_id", "value", "confidence", "note", "author_user_id", "created_at", "updated_at") SELECT "id", "key_result_id", "value", "confidence", "note", "author_user_id", "created_at", "updated_at" FROM `check_ins`;--> statement-breakpoint
DROP TABLE `check_ins`;--> statement-breakpoint
ALTER TABLE `__new_check_ins` RENAME TO `check_ins`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `check_ins_kr_idx` ON `check_ins` (`key_result_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `key_results` ADD `metric_id` text;--> statement-breakpoint
CREATE INDEX `key_results_metric_idx` ON `key_results` (`metric_id`);--> statement-breakpoint
ALTER TABLE `kpis` ADD `pinned` integer DEFAULT false NOT NULL;