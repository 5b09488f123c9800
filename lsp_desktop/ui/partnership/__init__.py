"""The partnership's own details (name, area, GO region, allocations)."""
