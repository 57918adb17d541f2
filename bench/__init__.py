"""`make bench`: throughput, latency and memory figures, printed as one report."""
