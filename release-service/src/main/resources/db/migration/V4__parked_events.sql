-- Events Kafka refused for good (a record over its size limit, an invalid topic): moved out of the outbox so
-- that the relay goes on with the next, kept here with the reason, announced on graylane.releases.dead-letter.
CREATE TABLE outbox_parked (
    id          BIGINT       PRIMARY KEY,
    event_id    VARCHAR(64)  NOT NULL UNIQUE,
    topic       VARCHAR(249) NOT NULL,
    record_key  VARCHAR(255) NOT NULL,
    type        VARCHAR(128) NOT NULL,
    payload     TEXT         NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL,
    parked_at   TIMESTAMPTZ  NOT NULL,
    reason      TEXT         NOT NULL
);

-- The actor is a token's subject, whose length the provider decides.
ALTER TABLE release_history ALTER COLUMN actor TYPE TEXT;
ALTER TABLE rollout_decisions ALTER COLUMN actor TYPE TEXT;
