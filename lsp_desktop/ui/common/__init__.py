"""Widgets, table-model bases and edit flows that several features share."""
