"""Pure-Python domain code: no Qt, no SQLAlchemy."""
