"""Storage: the engine, opening and migrating database files, transactions, backups."""
