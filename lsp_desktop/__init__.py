"""LSP Desktop: records, strategies, action plans and accreditation for LSP secretariats."""

__version__ = "0.1.0"
APP_NAME = "LSP Desktop"
ORG_NAME = "LSP Desktop"
FILE_SUFFIX = ".lspd"
