"""Models of the study app."""
