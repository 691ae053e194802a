"""The office's letters: who they go to (recipients.py), the mail merge templates
(templates.py) and e-mail drafts (email_drafts.py); the PDF layout is report/letters."""
