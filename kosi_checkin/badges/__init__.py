"""Name badges: layouts as data files, a vector QR code, text fitted to its box, PDFs by ReportLab."""
