"""Badge and ticket codes: generate, normalise, validate (pure Python)."""
