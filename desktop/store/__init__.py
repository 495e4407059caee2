"""The library database: SQLAlchemy 2.0 models, engine set-up, migrations and repositories."""
