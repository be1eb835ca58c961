"""Sending PDFs to printers: CUPS where present, else Qt (in ui/)."""
