"""linebreak stage."""
