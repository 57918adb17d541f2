"""Link lookups: when they run (scheduling) and what they do (the runner)."""
