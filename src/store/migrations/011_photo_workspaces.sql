-- A photo may belong to a workspace (the paper wall beside a board, the
-- printed actor map) instead of an agenda item; one column per kind, so a
-- deleted workspace lets its photos go to the Fotoprotokoll.
ALTER TABLE photos ADD COLUMN board_id TEXT REFERENCES boards(id) ON DELETE SET NULL;
ALTER TABLE photos ADD COLUMN actor_map_id TEXT REFERENCES actor_maps(id) ON DELETE SET NULL;
ALTER TABLE photos ADD COLUMN challenge_list_id TEXT REFERENCES challenge_lists(id) ON DELETE SET NULL;
