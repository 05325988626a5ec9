"""Styles for our outputs and (later) print-layout building and export."""
