"""`kzpolicy init`: the terminal wizard over the question catalogue."""
