"""Getting documents in: FtM entity files, and text documents through their format parsers."""
