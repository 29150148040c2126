-- Offline may delete a baseline Graylane did not create (removeBaseline), instead of scaling it to zero.
ALTER TABLE releases ADD COLUMN remove_baseline BOOLEAN NOT NULL DEFAULT FALSE;
