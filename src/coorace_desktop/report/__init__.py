"""The annual activity report as PDF (ReportLab, no Qt): one module per section."""
