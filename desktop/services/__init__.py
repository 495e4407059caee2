"""The use cases the CLI and the GUI share: open a library, import, edit, export."""
