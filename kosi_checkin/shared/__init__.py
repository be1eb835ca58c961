"""A shared event in PostgreSQL for several desks at one door (psycopg 3); SQLite stays the default."""
