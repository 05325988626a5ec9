"""One algorithm per module."""
