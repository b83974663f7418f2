-- Parallel groups: an agenda item whose groups each work on a board of
-- their own, and a plenary vote over all of those boards together.
INSERT INTO activity_kinds (kind) VALUES ('groups'), ('groups_vote');

-- The boards of a group-work item (one per group, the board's title is the
-- group's name), or of a plenary vote over them, in order.
CREATE TABLE agenda_boards (
    item_id  TEXT NOT NULL REFERENCES agenda_items(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    PRIMARY KEY (item_id, board_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX agenda_boards_board ON agenda_boards(board_id);

-- Which group a phone works in during a group-work item.
CREATE TABLE group_members (
    item_id     TEXT NOT NULL REFERENCES agenda_items(id) ON DELETE CASCADE,
    participant TEXT NOT NULL,
    board_id    TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    PRIMARY KEY (item_id, participant)
) STRICT, WITHOUT ROWID;
CREATE INDEX group_members_board ON group_members(board_id);
