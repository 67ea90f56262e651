"""The staff forms, one module per group of pages, mirroring ``staff/views/``."""
