-- The team folder this laptop shares its workshops and follow-up through
-- (src/team). One row at most. The password is not here: it lives in the
-- system's credential store.
CREATE TABLE team_settings (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    address    TEXT NOT NULL,
    user       TEXT NOT NULL,
    folder     TEXT NOT NULL,
    -- Plain http to another machine, allowed by hand.
    allow_http INTEGER NOT NULL DEFAULT 0 CHECK (allow_http IN (0, 1)),
    -- This laptop in the team folder (`changes/<device>/`); kept when the
    -- settings change, so its files stay one row.
    device     TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
