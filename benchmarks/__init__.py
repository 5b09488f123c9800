"""Speed and memory measurements (python -m benchmarks prints the whole table)."""
