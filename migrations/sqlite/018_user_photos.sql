-- A staff member's photo, as the server re-encoded it (src/image): a square
-- JPEG in base64 (values travel as text in both databases), its digest for
-- the ETag, and who set it when. One row per account; without one the face
-- is the initials.
CREATE TABLE user_photos (
  user_id     INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  jpeg_base64 TEXT NOT NULL,
  digest      TEXT NOT NULL,
  uploaded_at TEXT NOT NULL,
  uploaded_by INTEGER REFERENCES users(id) ON DELETE SET NULL
);
