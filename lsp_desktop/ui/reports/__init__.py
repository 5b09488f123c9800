"""Printing: the print preview of the reports."""
