"""The `caption-desk` command line: argparse over the shared services; never imports Qt."""
