"""Where a work is available: the finder that asks every platform (`platforms/`), how sure
a match is (`matching/`), and the lookups' cache. The API clients are `services.providers`."""
