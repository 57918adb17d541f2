"""Linked Spotify accounts: OAuth linking, now playing, playlist videos."""
