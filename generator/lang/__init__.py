"""One module per language behind one interface: grammar, dates, numbers, lists."""
