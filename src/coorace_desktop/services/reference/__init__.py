"""The national SIAE reference data: reading the files, the table, matching members."""
