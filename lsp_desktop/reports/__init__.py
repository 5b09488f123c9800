"""ReportLab renderers: domain data in, PDF out; no Qt and no database."""
