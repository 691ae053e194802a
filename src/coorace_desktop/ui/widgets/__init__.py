"""What every area of the interface shares: the table, the form dialog, background jobs,
pickers, dates, messages and formats. Areas talk to each other only through here."""
