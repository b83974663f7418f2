-- An agenda item may be a photo round: phones send photos of the walls
-- while it runs, each photo under the item.
INSERT INTO activity_kinds (kind) VALUES ('photos');
