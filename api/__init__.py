"""The HTTP edge: one module per resource, thin handler classes wired by the spec."""
