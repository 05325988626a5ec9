"""Custom widgets and dialogs (Processing widget wrappers, ...)."""
