CREATE TABLE `indicator_timeline_image` (
	`id` integer PRIMARY KEY NOT NULL,
	`key` text NOT NULL,
	`seq` integer NOT NULL,
	`meta` text NOT NULL,
	`data` blob NOT NULL,
	CONSTRAINT "indicator_timeline_image_one_row" CHECK("indicator_timeline_image"."id" = 1)
);
