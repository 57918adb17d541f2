"""One `LinkProvider` per platform: what to ask its API for a work, and which answer is it."""
