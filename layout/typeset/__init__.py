"""typeset stage."""
