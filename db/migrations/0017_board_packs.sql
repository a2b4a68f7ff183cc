CREATE TABLE `board_packs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`month` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`commentary` text DEFAULT '{}' NOT NULL,
	`figures` text,
	`published_at` integer,
	`published_by_user_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`published_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `board_packs_month_uq` ON `board_packs` (`month`);--> statement-breakpoint
CREATE INDEX `board_packs_status_month_idx` ON `board_packs` (`status`,`month`);