"""Name normalising and matching (pure Python)."""
