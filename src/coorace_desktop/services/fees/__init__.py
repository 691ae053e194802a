"""The fee campaign (cotisations): each year's scale and its preview, numbered calls, payments,
statuses and totals, reminders."""
