-- Relations between actors of one map: a line on the grid with a short label
-- ("fördert", "berichtet an"). Deleting an actor deletes its relations; undo
-- brings them back with it (undo runs with foreign keys deferred).

CREATE TABLE actor_relations (
    id            TEXT PRIMARY KEY NOT NULL,
    map_id        TEXT NOT NULL REFERENCES actor_maps(id) ON DELETE CASCADE,
    from_actor_id TEXT NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
    to_actor_id   TEXT NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
    label         TEXT NOT NULL DEFAULT '',
    CHECK (from_actor_id <> to_actor_id)
) STRICT;
CREATE INDEX actor_relations_map ON actor_relations(map_id);
CREATE INDEX actor_relations_from ON actor_relations(from_actor_id);
CREATE INDEX actor_relations_to ON actor_relations(to_actor_id);

CREATE TRIGGER actor_relations_history_insert AFTER INSERT ON actor_relations
WHEN (SELECT step_id FROM history_cursor) IS NOT NULL
BEGIN
    INSERT INTO history_ops (step_id, sql) VALUES ((SELECT step_id FROM history_cursor),
        'DELETE FROM actor_relations WHERE id = ' || quote(new.id));
END;
CREATE TRIGGER actor_relations_history_delete BEFORE DELETE ON actor_relations
WHEN (SELECT step_id FROM history_cursor) IS NOT NULL
BEGIN
    INSERT INTO history_ops (step_id, sql) VALUES ((SELECT step_id FROM history_cursor),
        'INSERT INTO actor_relations (id, map_id, from_actor_id, to_actor_id, label) VALUES ('
        || quote(old.id) || ', ' || quote(old.map_id) || ', ' || quote(old.from_actor_id) || ', '
        || quote(old.to_actor_id) || ', ' || quote(old.label) || ')');
END;
