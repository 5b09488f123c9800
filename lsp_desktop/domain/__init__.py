"""Pure-Python domain: records, catalogues and rules, with no Qt and no database."""
