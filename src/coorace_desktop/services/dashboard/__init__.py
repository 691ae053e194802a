"""The Tableau de bord: a period's figures drawn from the services the report uses, and what needs doing."""
