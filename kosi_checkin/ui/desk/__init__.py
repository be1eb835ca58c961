"""The door desk's window: answer panel, search, scanner and camera input, walk-ins."""
