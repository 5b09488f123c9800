"""Runtime files (icons, fonts, catalogues), read with importlib.resources."""
