"""Badge windows: the batch dialog with its live preview, printer set-up, reprint reasons."""
