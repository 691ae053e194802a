"""Services: one module per area; each command is one transaction. No Qt here."""
