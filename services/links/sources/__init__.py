"""Works read from a platform link: the link's id, the platform's own answer for it, and
what that answer finds on the other platforms (by ISRC/UPC first)."""
