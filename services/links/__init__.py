"""Where a work is available: one `LinkProvider` per platform, and the finder that asks them all."""
