-- The JWT signing keys (key package): generated on first start, rotated on an interval, shared by every
-- instance. generation orders the rotation and is unique, so two instances cannot both add the next key.
CREATE TABLE amagasa_signing_key (
    kid varchar(64) NOT NULL,
    generation bigint NOT NULL,
    algorithm varchar(16) NOT NULL,
    private_jwk varchar(16000) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    activates_at timestamp with time zone NOT NULL,
    PRIMARY KEY (kid),
    CONSTRAINT amagasa_signing_key_generation UNIQUE (generation)
);
