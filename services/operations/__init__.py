"""Operator jobs on the index: reindex, export, import, relookup (`python -m cli --help`)."""
