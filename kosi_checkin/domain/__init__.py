"""Pure domain model: dataclasses and rules, no Qt, no database."""
