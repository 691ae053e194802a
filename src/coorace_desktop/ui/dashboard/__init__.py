"""The Tableau de bord tab: a period's figures, charts and what needs doing."""
