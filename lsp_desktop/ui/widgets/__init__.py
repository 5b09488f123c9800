"""Reusable widgets: panels, editors and indicators shared by the tabs."""
