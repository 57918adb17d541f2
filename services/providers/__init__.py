"""The clients of every external API (Spotify, Deezer, iTunes, YouTube, TMDB, MusicBrainz),
each behind its guard: rate limits shared by every process, retries, `Retry-After`, a
breaker, YouTube's daily quota. They know each API's calls and errors, nothing of matching;
links and accounts both use them.
"""
