"""Documents made from reports: CSV/XLSX exports and the meeting pack (PDF/PPTX)."""
